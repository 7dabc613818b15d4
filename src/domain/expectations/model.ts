/**
 * Connectivity expectations (policy tests): connections that must be allowed, denied or
 * audited. One model for the page (the Expectations panel, test edges on the graph) and the CLI
 * (`membrane check --expect <file>`). The file format, in YAML:
 *
 *   - name: frontend reaches cart          # optional
 *     from: shop/frontend-7c9d8f6b5d-x2kqp # ns/pod, ns:k=v[,k=v], entity:<name>, ip:<address>
 *     to: shop:app=cart
 *     port: 8080/TCP                       # 53/UDP, 8/ICMPv4; default 53/UDP with dns
 *     http: GET /api/v1/cart               # optional; or dns: api.example.com
 *     expect: allowed                      # allowed | denied | audit
 *
 * A top-level `expectations:` key around the list is accepted too.
 */
export type ExpectedVerdict = 'allowed' | 'denied' | 'audit'

export interface Expectation {
  readonly name: string
  readonly from: string
  readonly to: string
  readonly port: string
  readonly http?: string
  readonly dns?: string
  readonly expect: ExpectedVerdict
  /** 1-based line of the entry in the file, for messages. */
  readonly line: number
}

/** Something wrong in the file; `line`/`column` are 1-based, absent when it concerns the whole file. */
export interface ExpectationProblem {
  readonly message: string
  readonly line?: number
  readonly column?: number
  /** A YAML syntax error (nothing could be read), rather than a problem with one entry. */
  readonly syntax?: boolean
}

export const EXPECTATION_KEYS: readonly string[] = ['name', 'from', 'to', 'port', 'http', 'dns', 'expect']

/** `denied` is met by a denial or by an audit (a denial audit mode let through). */
export function expectationMet(expect: ExpectedVerdict, verdict: 'allowed' | 'denied' | 'audit'): boolean {
  return expect === 'denied' ? verdict !== 'allowed' : verdict === expect
}
