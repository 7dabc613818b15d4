/**
 * The one network request the app can make: a policy from the address in `?policy-url=`, only after
 * the user has read the address and said yes. No cookies, no referrer, a size cap read as it
 * streams (a Content-Length can be absent or wrong), and a timeout.
 */
import { POLICY_URL_MAX_BYTES, policyTextProblem } from '../../domain/files/policy-url.ts'

const TIMEOUT_MS = 20_000

export async function fetchPolicy(url: string, maxBytes = POLICY_URL_MAX_BYTES): Promise<string> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS)
  try {
    let res: Response
    try {
      res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', signal: abort.signal })
    } catch {
      throw new Error(
        abort.signal.aborted
          ? `No answer from the address within ${TIMEOUT_MS / 1000} s.`
          : 'The address could not be reached (offline, wrong address, or the server does not allow other sites to read it: CORS).',
      )
    }
    if (!res.ok) throw new Error(`The address answered ${res.status} ${res.statusText}`.trim() + '.')
    const declared = Number(res.headers.get('content-length') ?? NaN)
    const tooBig = `The file is larger than ${maxBytes / 1024 / 1024} MB, more than a policy link should carry.`
    if (declared > maxBytes) throw new Error(tooBig)
    const reader = res.body?.getReader()
    if (!reader) return check(await res.text())
    const chunks: Uint8Array[] = []
    let size = 0
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.length
      if (size > maxBytes) {
        await reader.cancel()
        throw new Error(tooBig)
      }
      chunks.push(r.value)
    }
    const all = new Uint8Array(size)
    let at = 0
    for (const c of chunks) {
      all.set(c, at)
      at += c.length
    }
    return check(new TextDecoder().decode(all))
  } finally {
    clearTimeout(timer)
  }
}

function check(text: string): string {
  const problem = policyTextProblem(text)
  if (problem) throw new Error(problem)
  return text
}
