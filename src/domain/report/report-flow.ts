/** What the flows exports read: one row per flow, as the flows table shows it, without UI types. */

export interface ReportEndpoint {
  /** As the table names it: `shop/frontend-7d9f-x2`, `world (1.2.3.4)`, `api.example.com`. */
  readonly name: string
  readonly namespace?: string
  /** The pod name when the endpoint is a pod (redaction replaces it). */
  readonly pod?: string
  readonly labels?: Readonly<Record<string, string>>
}

export type ReportVerdict = 'allowed' | 'denied' | 'audit'

export interface ReportFlow {
  readonly index: number
  /** Epoch ms; NaN when unknown. */
  readonly time: number
  readonly source: ReportEndpoint
  readonly destination: ReportEndpoint
  /** `TCP/8080`, `UDP/53`, '' without L4. */
  readonly proto: string
  readonly l7?: string
  /** The verdict the cluster recorded (FORWARDED, DROPPED, AUDIT …). */
  readonly recorded: string
  readonly dropReason?: string
  /** The draft's verdict. */
  readonly verdict: ReportVerdict
  readonly reply: boolean
  /** `ns/name` of the deciding policy and the rule path. */
  readonly policy?: string
  readonly path?: string
  readonly effect?: string
  /** `break`: recorded forwarded, the draft denies; `open`: recorded policy-dropped, the draft allows. */
  readonly disagreement?: 'break' | 'open'
}

export interface ReportFinding {
  readonly severity: 'error' | 'warning' | 'info'
  readonly code: string
  readonly policy: string
  readonly path: string
  readonly line: number
  readonly message: string
}
