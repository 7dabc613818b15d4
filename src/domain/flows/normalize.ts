/** One Hubble `Flow` JSON object → the normalized `Flow` (hubble-flows.md §3). */
import { directionName, dropReasonName, flowTypeName, ipVersionOf, observationPointName, traceReasonName,
  verdictName } from './enums.ts'
import { EndpointInterner, serviceOf } from './endpoint.ts'
import type { Flow, FlowL4, FlowPolicyMatch, FlowPolicyRef } from './flow.ts'
import { normalizeL7 } from './l7.ts'
import type { JsonObject } from './json.ts'
import { bool, field, isObject, num, obj, objList, str, strList } from './json.ts'
import { TimeParser } from './time.ts'

const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'] as const

/** Stateful only for its caches (endpoints, timestamps); one per ingest. */
export class FlowNormalizer {
  private readonly endpoints = new EndpointInterner()
  private readonly times = new TimeParser()

  /**
   * @param sourceText / destinationText the raw JSON of the flow's endpoints when the parser cut
   *   them out of the line (parser.ts fast path); `f.source`/`f.destination` are then ignored.
   *   Throws when such a text is not an endpoint object (the parser then reads the line in full).
   */
  normalize(f: JsonObject, index: number, wrapperTime: unknown, wrapperNode: unknown, sourceText?: string, destinationText?: string): Flow {
    const ip = obj(f, 'IP', 'ip') ?? {}
    const eventType = obj(f, 'event_type', 'eventType')
    const timeText = str(f, 'time') ?? (typeof wrapperTime === 'string' ? wrapperTime : undefined)
    const { ms, nanos } = this.times.parse(timeText)
    const nodeName = str(f, 'node_name', 'nodeName') ?? (typeof wrapperNode === 'string' && wrapperNode !== '' ? wrapperNode : undefined)
    const verdict = verdictName(field(f, 'verdict'))
    const dropDesc = field(f, 'drop_reason_desc', 'dropReasonDesc')
    const dropNum = num(f, 'drop_reason', 'dropReason')
    const dropReason = dropReasonName(dropDesc) ?? (dropNum ? dropReasonName(dropNum) : undefined)
    const l7 = normalizeL7(obj(f, 'l7'))
    const traceReason = traceReasonName(field(f, 'trace_reason', 'traceReason'))
    const observationPoint = observationPointName(field(f, 'trace_observation_point', 'traceObservationPoint'))
    const source = sourceText !== undefined
      ? this.endpoints.endpointText(sourceText, str(ip, 'source'), strList(f, 'source_names', 'sourceNames'), serviceOf(f, 'source'))
      : this.endpoints.endpoint(obj(f, 'source'), str(ip, 'source'), strList(f, 'source_names', 'sourceNames'), serviceOf(f, 'source'))
    const destination = destinationText !== undefined
      ? this.endpoints.endpointText(destinationText, str(ip, 'destination'), strList(f, 'destination_names', 'destinationNames'), serviceOf(f, 'destination'))
      : this.endpoints.endpoint(obj(f, 'destination'), str(ip, 'destination'), strList(f, 'destination_names', 'destinationNames'), serviceOf(f, 'destination'))
    if (source === undefined || destination === undefined) throw new Error('endpoint text is not an object')
    const isReply = replyOf(f, traceReason, l7?.type)
    const l4 = normalizeL4(obj(f, 'l4'))
    const policy = policyMatch(f)
    const policyMatchType = num(f, 'policy_match_type', 'policyMatchType')
    const proxyPort = num(f, 'proxy_port', 'proxyPort')
    const summary = str(f, 'Summary', 'summary')
    const uuid = str(f, 'uuid')
    const count = aggregateCount(obj(f, 'aggregate'))
    // Assigned one by one rather than spread from `cond && {…}` pieces: those allocate an object
    // per optional field per flow, which at a million flows is most of the ingest's garbage.
    const out: { -readonly [K in keyof Flow]: Flow[K] } = { index, time: ms, timeNanos: nanos } as Flow
    if (nodeName !== undefined) out.nodeName = nodeName
    if (uuid !== undefined) out.uuid = uuid
    out.verdict = verdict
    if (dropReason !== undefined) out.dropReason = dropReason
    out.type = flowTypeName(field(f, 'Type', 'type'))
    out.eventType = (eventType && num(eventType, 'type')) ?? 0
    out.eventSubType = (eventType && num(eventType, 'sub_type', 'subType')) ?? 0
    out.direction = directionName(field(f, 'traffic_direction', 'trafficDirection'))
    if (isReply !== undefined) out.isReply = isReply
    if (observationPoint !== undefined) out.observationPoint = observationPoint
    if (traceReason !== undefined) out.traceReason = traceReason
    out.ipVersion = ipVersionOf(field(ip, 'ipVersion', 'ip_version'))
    out.source = source
    out.destination = destination
    if (l4) out.l4 = l4
    if (l7) out.l7 = l7
    if (policyMatchType !== undefined) out.policyMatchType = policyMatchType
    if (policy) out.policy = policy
    if (proxyPort !== undefined) out.proxyPort = proxyPort
    if (summary !== undefined) out.summary = summary
    if (count !== undefined) out.count = count
    return out
  }
}

/** Three states: is_reply wins; the deprecated `reply` is only ever printed as true (pitfall 1, 12). */
function replyOf(f: JsonObject, traceReason: string | undefined, l7Type: string | undefined): boolean | undefined {
  const isReply = bool(f, 'is_reply', 'isReply')
  if (isReply !== undefined) return isReply
  if (bool(f, 'reply') === true) return true
  if (traceReason === 'REPLY') return true
  if (traceReason === 'NEW') return false
  if (l7Type === 'RESPONSE') return true
  if (l7Type === 'REQUEST') return false
  return undefined
}

/** Each L4 key with its lowerCamelCase spelling (§2), spelled out once rather than lowercased per flow. */
const PORT_PROTOCOLS = [['TCP', 'tcp'], ['UDP', 'udp'], ['SCTP', 'sctp']] as const

function normalizeL4(l4: JsonObject | undefined): FlowL4 | undefined {
  if (!l4) return undefined
  for (const [protocol, camel] of PORT_PROTOCOLS) {
    const p = obj(l4, protocol, camel)
    if (!p) continue
    const sourcePort = num(p, 'source_port', 'sourcePort')
    const destinationPort = num(p, 'destination_port', 'destinationPort')
    const flags = protocol === 'TCP' ? obj(p, 'flags') : undefined
    const out: { -readonly [K in keyof FlowL4]: FlowL4[K] } = { protocol }
    if (sourcePort !== undefined) out.sourcePort = sourcePort
    if (destinationPort !== undefined) out.destinationPort = destinationPort
    if (flags) {
      const tcpFlags = flagList(flags)
      if (tcpFlags.length > 0) out.tcpFlags = tcpFlags
    }
    return out
  }
  for (const protocol of ['ICMPv4', 'ICMPv6'] as const) {
    const p = obj(l4, protocol, protocol === 'ICMPv4' ? 'icmpv4' : 'icmpv6')
    // type 0 / code 0 are omitted by protojson: an echo-reply v4 is `{}` (§3.4).
    if (p) return { protocol, icmpType: num(p, 'type') ?? 0, icmpCode: num(p, 'code') ?? 0 }
  }
  for (const protocol of ['VRRP', 'IGMP'] as const) {
    const p = obj(l4, protocol, protocol.toLowerCase())
    if (p) return { protocol, icmpType: num(p, 'type') ?? 0 }
  }
  return undefined
}

/** Flag lists repeat (ACK, ACK+PSH, SYN…): one frozen array per distinct set. */
const FLAG_LISTS = new Map<number, readonly string[]>()

function flagList(flags: JsonObject): readonly string[] {
  let bits = 0
  for (let i = 0; i < TCP_FLAGS.length; i++) if (flags[TCP_FLAGS[i]] === true) bits |= 1 << i
  let list = FLAG_LISTS.get(bits)
  if (list === undefined) FLAG_LISTS.set(bits, (list = Object.freeze(TCP_FLAGS.filter((_, i) => (bits & (1 << i)) !== 0))))
  return list
}

function policyRefs(f: JsonObject, snake: string, camel: string): FlowPolicyRef[] | undefined {
  const list = objList(f, snake, camel)
  if (!list) return undefined
  return list.map((p) => {
    const namespace = str(p, 'namespace')
    const kind = str(p, 'kind')
    const revision = field(p, 'revision')
    return {
      name: str(p, 'name') ?? '',
      ...(namespace !== undefined && { namespace }),
      ...(kind !== undefined && { kind }),
      ...((typeof revision === 'string' || typeof revision === 'number') && { revision: String(revision) }),
    }
  })
}

function policyMatch(f: JsonObject): FlowPolicyMatch | undefined {
  const ingressAllowedBy = policyRefs(f, 'ingress_allowed_by', 'ingressAllowedBy')
  const egressAllowedBy = policyRefs(f, 'egress_allowed_by', 'egressAllowedBy')
  const ingressDeniedBy = policyRefs(f, 'ingress_denied_by', 'ingressDeniedBy')
  const egressDeniedBy = policyRefs(f, 'egress_denied_by', 'egressDeniedBy')
  if (!ingressAllowedBy && !egressAllowedBy && !ingressDeniedBy && !egressDeniedBy) return undefined
  return {
    ...(ingressAllowedBy && { ingressAllowedBy }),
    ...(egressAllowedBy && { egressAllowedBy }),
    ...(ingressDeniedBy && { ingressDeniedBy }),
    ...(egressDeniedBy && { egressDeniedBy }),
  }
}

function aggregateCount(a: JsonObject | undefined): number | undefined {
  if (!isObject(a)) return undefined
  const total = (num(a, 'ingress_flow_count', 'ingressFlowCount') ?? 0) + (num(a, 'egress_flow_count', 'egressFlowCount') ?? 0)
    + (num(a, 'unknown_direction_flow_count', 'unknownDirectionFlowCount') ?? 0)
  return total > 0 ? total : undefined
}
