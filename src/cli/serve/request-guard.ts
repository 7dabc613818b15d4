/**
 * The checks every request to `membrane serve` passes before anything else runs. A local server is
 * still a server: any web page the user visits can send requests to 127.0.0.1, and a DNS-rebinding
 * page can even make them same-origin under its own name. So:
 *  - Host must name the server by a loopback name or an IP literal with the served port (a
 *    rebinding attack arrives under the attacker's domain name and is refused);
 *  - a request that says where it comes from (Origin, Sec-Fetch-Site) must come from the served
 *    page itself: no CORS, nothing is ever allowed cross-origin;
 *  - API calls carry the token from the printed URL (`Authorization: Bearer …`), compared in
 *    constant time.
 */
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'

export interface Refusal {
  readonly status: number
  readonly message: string
}

export interface GuardConfig {
  readonly port: number
  /** The address bound (127.0.0.1 by default; `--host` widens it). */
  readonly host: string
  readonly token: string
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Splits `name:port` (IPv6 in brackets); null when there is no port. */
function hostPort(value: string): { name: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(value)
  if (!m) return null
  return { name: m[1]!.toLowerCase(), port: Number(m[2]) }
}

function isIpLiteral(name: string): boolean {
  const bare = name.startsWith('[') ? name.slice(1, -1) : name
  return isIP(bare) !== 0
}

/**
 * The Host header names this server: a loopback name, the bound address, or (when `--host`
 * widened the bind) any IP literal — never a DNS name other than localhost, which is what a
 * rebinding page would send.
 */
export function checkHost(header: string | undefined, config: GuardConfig): Refusal | null {
  const hp = header === undefined ? null : hostPort(header.trim())
  const refuse = { status: 421, message: `Host ${JSON.stringify(header ?? '')} is not this server: open the printed URL (http://127.0.0.1:${config.port}/)` }
  if (!hp || hp.port !== config.port) return refuse
  if (LOOPBACK_NAMES.has(hp.name) || hp.name === config.host.toLowerCase()) return null
  if (config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1' && isIpLiteral(hp.name)) return null
  return refuse
}

/**
 * A request from another origin is refused. Browsers send Origin on every cross-origin request
 * (and on same-origin POSTs, and WebSocket upgrades); Sec-Fetch-Site says `cross-site` /
 * `same-site` for requests a foreign page caused. Same-origin GETs may carry neither.
 */
export function checkOrigin(headers: { origin?: string; host?: string; 'sec-fetch-site'?: string }): Refusal | null {
  const site = headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: `cross-origin request refused (Sec-Fetch-Site: ${site}): membrane serve answers only its own page` }
  }
  const origin = headers.origin
  if (origin === undefined) return null
  if (origin !== `http://${headers.host ?? ''}`) {
    return { status: 403, message: `cross-origin request refused (Origin: ${origin}): membrane serve answers only its own page` }
  }
  return null
}

export function checkToken(authorization: string | undefined, config: GuardConfig): Refusal | null {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? '')
  if (!m) return { status: 401, message: 'missing token: API calls need "Authorization: Bearer <token>" with the token from the printed URL' }
  const given = Buffer.from(m[1]!)
  const want = Buffer.from(config.token)
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { status: 401, message: 'wrong token: use the token from the URL membrane serve printed' }
  return null
}
