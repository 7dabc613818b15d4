/**
 * protojson prints enums as names, but a value unknown to an older marshaller comes out as a
 * number (hubble-flows.md §2). These tables turn numbers back into names; anything not listed
 * keeps a `<PREFIX>_<n>` placeholder so newer agents never break ingest (pitfall 13).
 */

type Table = readonly (readonly [number, string])[]

function lookup(table: Table): Map<number, string> {
  return new Map(table)
}

const VERDICTS = lookup([
  [0, 'VERDICT_UNKNOWN'], [1, 'FORWARDED'], [2, 'DROPPED'], [3, 'ERROR'],
  [4, 'AUDIT'], [5, 'REDIRECTED'], [6, 'TRACED'], [7, 'TRANSLATED'],
])
const FLOW_TYPES = lookup([[0, 'UNKNOWN_TYPE'], [1, 'L3_L4'], [2, 'L7'], [3, 'SOCK']])
const DIRECTIONS = lookup([[0, 'UNKNOWN'], [1, 'INGRESS'], [2, 'EGRESS']])
const L7_TYPES = lookup([[0, 'UNKNOWN_L7_TYPE'], [1, 'REQUEST'], [2, 'RESPONSE'], [3, 'SAMPLE']])
const TRACE_REASONS = lookup([[0, 'TRACE_REASON_UNKNOWN'], [1, 'NEW'], [2, 'ESTABLISHED'], [3, 'REPLY'], [4, 'RELATED']])
const OBSERVATION_POINTS = lookup([
  [0, 'UNKNOWN_POINT'], [101, 'TO_ENDPOINT'], [1, 'TO_PROXY'], [2, 'TO_HOST'], [3, 'TO_STACK'],
  [4, 'TO_OVERLAY'], [5, 'FROM_ENDPOINT'], [6, 'FROM_PROXY'], [7, 'FROM_HOST'], [8, 'FROM_STACK'],
  [9, 'FROM_OVERLAY'], [10, 'FROM_NETWORK'], [11, 'TO_NETWORK'], [12, 'FROM_CRYPTO'], [13, 'TO_CRYPTO'],
])
/** Only the drop reasons the reference names; the rest become DROP_<n>. */
const DROP_REASONS = lookup([
  [132, 'INVALID_SOURCE_IP'], [133, 'POLICY_DENIED'], [139, 'UNSUPPORTED_L3_PROTOCOL'],
  [151, 'STALE_OR_UNROUTABLE_IP'], [155, 'CT_MAP_INSERTION_FAILED'], [158, 'SERVICE_BACKEND_NOT_FOUND'],
  [177, 'DENIED_BY_LB_SRC_RANGE_CHECK'], [181, 'POLICY_DENY'], [189, 'AUTH_REQUIRED'],
  [194, 'NO_EGRESS_GATEWAY'], [196, 'TTL_EXCEEDED'], [202, 'DROP_HOST_NOT_READY'],
  [203, 'DROP_EP_NOT_READY'], [204, 'DROP_NO_EGRESS_IP'], [205, 'DROP_PUNT_PROXY'],
])

function enumName(value: unknown, table: Map<number, string>, prefix: string): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return table.get(value) ?? `${prefix}_${value}`
  return undefined
}

export const verdictName = (v: unknown): string => enumName(v, VERDICTS, 'VERDICT') ?? 'VERDICT_UNKNOWN'
export const flowTypeName = (v: unknown): string => enumName(v, FLOW_TYPES, 'TYPE') ?? 'UNKNOWN_TYPE'
export const l7TypeName = (v: unknown): string => enumName(v, L7_TYPES, 'L7_TYPE') ?? 'UNKNOWN_L7_TYPE'
export const traceReasonName = (v: unknown): string | undefined => enumName(v, TRACE_REASONS, 'TRACE_REASON')
export const observationPointName = (v: unknown): string | undefined =>
  enumName(v, OBSERVATION_POINTS, 'POINT')
export const dropReasonName = (v: unknown): string | undefined => enumName(v, DROP_REASONS, 'DROP')

export function directionName(v: unknown): 'INGRESS' | 'EGRESS' | 'UNKNOWN' {
  const name = enumName(v, DIRECTIONS, 'DIRECTION')
  return name === 'INGRESS' || name === 'EGRESS' ? name : 'UNKNOWN'
}

export function ipVersionOf(v: unknown): 0 | 4 | 6 {
  if (v === 'IPv4' || v === 1) return 4
  if (v === 'IPv6' || v === 2) return 6
  return 0
}

/** Policy-relevant drop reasons (pitfall 9): everything else is infrastructure. */
export const POLICY_DROP_REASONS: ReadonlySet<string> = new Set(['POLICY_DENIED', 'POLICY_DENY', 'AUTH_REQUIRED'])
