/** One Hubble `Flow` JSON object → the normalized `Flow` (hubble-flows.md §3). */
import { directionName, dropReasonName, flowTypeName, ipVersionOf, observationPointName, traceReasonName,
  verdictName } from './enums.ts'
import { EndpointInterner, EndpointText } from './endpoint.ts'
import type { FlowFields } from './fields.ts'
import { S, SLOT_COUNT, fieldsOf } from './fields.ts'
import type { Flow, FlowEndpoint, FlowL4, FlowPolicyMatch, FlowPolicyRef } from './flow.ts'
import { normalizeL4 } from './l4.ts'
import { normalizeL7 } from './l7.ts'
import type { JsonObject } from './json.ts'
import { asBool, asNum, asObj, asObjList, asStr, asStrList, field, isObject, num, str } from './json.ts'
import { TimeParser } from './time.ts'

/** Stateful only for its caches (endpoints, timestamps); one per ingest. */
export class FlowNormalizer {
  readonly endpoints = new EndpointInterner()
  private readonly times = new TimeParser()
  private readonly scratch: FlowFields = new Array<unknown>(SLOT_COUNT).fill(undefined)

  /** A parsed flow object → the normalized flow. */
  normalize(f: JsonObject, index: number, wrapperTime: unknown, wrapperNode: unknown): Flow {
    return this.fromFields(fieldsOf(f, this.scratch), index, wrapperTime, wrapperNode)
  }

  /**
   * The flow's fields (fields.ts slots) → the normalized flow. An endpoint slot holds either the
   * parsed object or, from the line reader, its `EndpointText`.
   */
  fromFields(v: FlowFields, index: number, wrapperTime: unknown, wrapperNode: unknown): Flow {
    const ip = asObj(v[S.ip]) ?? EMPTY
    const eventType = asObj(v[S.eventType])
    const timeText = asStr(v[S.time]) ?? (typeof wrapperTime === 'string' ? wrapperTime : undefined)
    const { ms, nanos } = this.times.parse(timeText)
    const nodeName = asStr(v[S.nodeName]) ?? (typeof wrapperNode === 'string' && wrapperNode !== '' ? wrapperNode : undefined)
    const verdict = verdictName(v[S.verdict])
    const dropNum = asNum(v[S.dropReason])
    const dropReason = dropReasonName(v[S.dropReasonDesc]) ?? (dropNum ? dropReasonName(dropNum) : undefined)
    const l7 = normalizeL7(asObj(v[S.l7]))
    const traceReason = traceReasonName(v[S.traceReason])
    const observationPoint = observationPointName(v[S.observationPoint])
    const source = this.side(v[S.source], str(ip, 'source'), asStrList(v[S.sourceNames]), asObj(v[S.sourceService]))
    const destination = this.side(v[S.destination], str(ip, 'destination'), asStrList(v[S.destinationNames]),
      asObj(v[S.destinationService]))
    const isReply = replyOf(v, traceReason, l7?.type)
    const l4 = v[S.l4Read] !== undefined ? v[S.l4Read] as FlowL4 : normalizeL4(asObj(v[S.l4]))
    const policy = policyMatch(v)
    const policyMatchType = asNum(v[S.policyMatchType])
    const proxyPort = asNum(v[S.proxyPort])
    const summary = asStr(v[S.summary])
    const uuid = asStr(v[S.uuid])
    const count = aggregateCount(asObj(v[S.aggregate]))
    // Assigned one by one rather than spread from `cond && {…}` pieces: those allocate an object
    // per optional field per flow, which at a million flows is most of the ingest's garbage.
    const out: { -readonly [K in keyof Flow]: Flow[K] } = { index, time: ms, timeNanos: nanos } as Flow
    if (nodeName !== undefined) out.nodeName = nodeName
    if (uuid !== undefined) out.uuid = uuid
    out.verdict = verdict
    if (dropReason !== undefined) out.dropReason = dropReason
    out.type = flowTypeName(v[S.type])
    out.eventType = (eventType && num(eventType, 'type')) ?? 0
    out.eventSubType = (eventType && num(eventType, 'sub_type', 'subType')) ?? 0
    out.direction = directionName(v[S.direction])
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

  private side(raw: unknown, ip: string | undefined, names: string[] | undefined, service: JsonObject | undefined): FlowEndpoint {
    return raw instanceof EndpointText ? this.endpoints.fromText(raw, ip, names, service)
      : this.endpoints.endpoint(asObj(raw), ip, names, service)
  }
}

const EMPTY: JsonObject = Object.freeze({})

/** Three states: is_reply wins; the deprecated `reply` is only ever printed as true (pitfall 1, 12). */
function replyOf(v: FlowFields, traceReason: string | undefined, l7Type: string | undefined): boolean | undefined {
  const isReply = asBool(v[S.isReply])
  if (isReply !== undefined) return isReply
  if (asBool(v[S.reply]) === true) return true
  if (traceReason === 'REPLY') return true
  if (traceReason === 'NEW') return false
  if (l7Type === 'RESPONSE') return true
  if (l7Type === 'REQUEST') return false
  return undefined
}

function policyRefs(value: unknown): FlowPolicyRef[] | undefined {
  const list = asObjList(value)
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

function policyMatch(v: FlowFields): FlowPolicyMatch | undefined {
  const ingressAllowedBy = policyRefs(v[S.ingressAllowedBy])
  const egressAllowedBy = policyRefs(v[S.egressAllowedBy])
  const ingressDeniedBy = policyRefs(v[S.ingressDeniedBy])
  const egressDeniedBy = policyRefs(v[S.egressDeniedBy])
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
