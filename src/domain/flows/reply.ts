/**
 * Whether a flow is a reply: the one rule the per-request replay (`isReply`) and the columnar
 * store (`F_REPLY_KNOWN`/`F_REPLY`/`F_EPHEMERAL_DST`, read back by `isReplyFlags`) both follow.
 */
import type { Flow, FlowL4 } from './flow.ts'

/** Ephemeral ports start here on Linux (ip_local_port_range 32768–60999). */
const EPHEMERAL_MIN = 32768

/**
 * A well-known source port talking to an ephemeral destination port: the evidence for a reply
 * when Hubble does not say (hubble-flows.md pitfall 1).
 */
export function hasReplyPorts(l4: FlowL4 | undefined): boolean {
  if (!l4 || l4.sourcePort === undefined || l4.destinationPort === undefined) return false
  return l4.sourcePort < EPHEMERAL_MIN && l4.destinationPort >= EPHEMERAL_MIN
}

/**
 * `is_reply` when Hubble knows it; when it does not (TO_OVERLAY traces, drops, old agents), the
 * ports decide.
 */
export function replyOf(known: boolean | undefined, replyPorts: boolean): boolean {
  return known ?? replyPorts
}

/** Whether the flow is the reply of a tracked connection (never checked against policy, §3.6). */
export function isReply(flow: Flow): boolean {
  return replyOf(flow.isReply, hasReplyPorts(flow.l4))
}
