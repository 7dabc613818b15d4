/** One Hubble `Flow` JSON object → the normalized `Flow` (hubble-flows.md §3). */
import { directionName, dropReasonName, flowTypeName, ipVersionOf, observationPointName, traceReasonName,
  verdictName } from './enums.ts'
import { EndpointInterner } from './endpoint.ts'
import type { EndpointText } from './endpoint.ts'
import {
  S_AGGREGATE, S_DESTINATION, S_DESTINATION_NAMES, S_DESTINATION_SERVICE, S_DIRECTION, S_DROP_REASON,
  S_DROP_REASON_DESC, S_EGRESS_ALLOWED_BY, S_EGRESS_DENIED_BY, S_EVENT_SUB_TYPE, S_EVENT_TYPE,
  S_INGRESS_ALLOWED_BY, S_INGRESS_DENIED_BY, S_IP_DESTINATION, S_IP_SOURCE, S_IP_VERSION, S_IS_REPLY, S_L4, S_L7,
  S_NODE_NAME, S_OBSERVATION_POINT, S_POLICY_MATCH_TYPE, S_PROXY_PORT, S_REPLY, S_SOURCE, S_SOURCE_NAMES,
  S_SOURCE_SERVICE, S_SUMMARY, S_TIME, S_TRACE_REASON, S_TYPE, S_UUID, S_VERDICT, SLOT_COUNT, readFields,
} from './fields.ts'
import type { Flow, FlowEndpoint, FlowL4, FlowPolicyMatch, FlowPolicyRef } from './flow.ts'
import { normalizeL4 } from './l4.ts'
import { normalizeL7 } from './l7.ts'
import type { JsonObject } from './json.ts'
import { asBool, asNum, asObj, asObjList, asStr, asStrList, field, isObject, num, str } from './json.ts'
import { LineScanner } from './line-scan.ts'
import { TimeParser } from './time.ts'

/** The slots (fields.ts) that make up one side of a flow. */
interface SideSlots {
  readonly endpoint: number
  readonly ip: number
  readonly names: number
  readonly service: number
}

const SOURCE: SideSlots = { endpoint: S_SOURCE, ip: S_IP_SOURCE, names: S_SOURCE_NAMES, service: S_SOURCE_SERVICE }
const DESTINATION: SideSlots = { endpoint: S_DESTINATION, ip: S_IP_DESTINATION, names: S_DESTINATION_NAMES, service: S_DESTINATION_SERVICE }

/** Stateful only for its caches (endpoints, timestamps, the line scanner's); one per ingest. */
export class FlowNormalizer {
  private readonly endpoints = new EndpointInterner()
  private readonly times = new TimeParser()
  private readonly scanner = new LineScanner(this.endpoints)
  /** The slots of the record being normalized (fields.ts), reused from one record to the next. */
  private readonly raw: unknown[] = new Array<unknown>(SLOT_COUNT).fill(undefined)

  /** A flow record parsed as an object (`classify`'s `flow`, its wrapper's `time` and `node_name`). */
  normalize(f: JsonObject, index: number, wrapperTime: unknown, wrapperNode: unknown): Flow {
    const raw = this.raw
    readFields(f, raw)
    return this.build(raw, index, wrapperTime, wrapperNode, normalizeL4(asObj(raw[S_L4])),
      this.side(raw, SOURCE, undefined), this.side(raw, DESTINATION, undefined))
  }

  /**
   * One line holding one flow record, read straight from its text (line-scan.ts): the same flow
   * `normalize` gives for the parsed line, without building the parsed objects. Undefined when the
   * line is not of the shape the scanner reads (the caller then parses it); never a different flow.
   */
  normalizeLine(line: string, index: number): Flow | undefined {
    const scan = this.scanner
    if (!scan.scan(line)) return undefined
    const raw = scan.raw
    const l4 = scan.l4 !== null ? scan.l4 : normalizeL4(asObj(raw[S_L4]))
    return this.build(raw, index, scan.wrapperTime, scan.wrapperNode, l4,
      this.side(raw, SOURCE, scan.sourceText), this.side(raw, DESTINATION, scan.destinationText))
  }

  /** One side's endpoint from its slots; from its text when the scanner found one in the line. */
  private side(raw: readonly unknown[], slots: SideSlots, text: EndpointText | undefined): FlowEndpoint {
    const ip = asStr(raw[slots.ip])
    const names = asStrList(raw[slots.names])
    const service = asObj(raw[slots.service])
    return text !== undefined ? this.endpoints.fromText(text, ip, names, service)
      : this.endpoints.endpoint(asObj(raw[slots.endpoint]), ip, names, service)
  }

  /** The flow from its fields' raw values (`raw`, by fields.ts slot) and its resolved parts. */
  private build(raw: readonly unknown[], index: number, wrapperTime: unknown, wrapperNode: unknown,
    l4: FlowL4 | undefined, source: FlowEndpoint, destination: FlowEndpoint): Flow {
    const timeText = asStr(raw[S_TIME]) ?? (typeof wrapperTime === 'string' ? wrapperTime : undefined)
    const { ms, nanos } = this.times.parse(timeText)
    const nodeName = asStr(raw[S_NODE_NAME]) ?? (typeof wrapperNode === 'string' && wrapperNode !== '' ? wrapperNode : undefined)
    const verdict = verdictName(raw[S_VERDICT])
    const dropNum = asNum(raw[S_DROP_REASON])
    const dropReason = dropReasonName(raw[S_DROP_REASON_DESC]) ?? (dropNum ? dropReasonName(dropNum) : undefined)
    const l7 = normalizeL7(asObj(raw[S_L7]))
    const traceReason = traceReasonName(raw[S_TRACE_REASON])
    const observationPoint = observationPointName(raw[S_OBSERVATION_POINT])
    const isReply = replyOf(asBool(raw[S_IS_REPLY]), asBool(raw[S_REPLY]), traceReason, l7?.type)
    const policy = policyMatch(raw)
    const policyMatchType = asNum(raw[S_POLICY_MATCH_TYPE])
    const proxyPort = asNum(raw[S_PROXY_PORT])
    const summary = asStr(raw[S_SUMMARY])
    const uuid = asStr(raw[S_UUID])
    const count = aggregateCount(asObj(raw[S_AGGREGATE]))
    // Assigned one by one rather than spread from `cond && {…}` pieces: those allocate an object
    // per optional field per flow, which at a million flows is most of the ingest's garbage.
    const out: { -readonly [K in keyof Flow]: Flow[K] } = { index, time: ms, timeNanos: nanos } as Flow
    if (nodeName !== undefined) out.nodeName = nodeName
    if (uuid !== undefined) out.uuid = uuid
    out.verdict = verdict
    if (dropReason !== undefined) out.dropReason = dropReason
    out.type = flowTypeName(raw[S_TYPE])
    out.eventType = asNum(raw[S_EVENT_TYPE]) ?? 0
    out.eventSubType = asNum(raw[S_EVENT_SUB_TYPE]) ?? 0
    out.direction = directionName(raw[S_DIRECTION])
    if (isReply !== undefined) out.isReply = isReply
    if (observationPoint !== undefined) out.observationPoint = observationPoint
    if (traceReason !== undefined) out.traceReason = traceReason
    out.ipVersion = ipVersionOf(raw[S_IP_VERSION])
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
function replyOf(isReply: boolean | undefined, reply: boolean | undefined, traceReason: string | undefined,
  l7Type: string | undefined): boolean | undefined {
  if (isReply !== undefined) return isReply
  if (reply === true) return true
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

function policyMatch(raw: readonly unknown[]): FlowPolicyMatch | undefined {
  const ingressAllowedBy = policyRefs(raw[S_INGRESS_ALLOWED_BY])
  const egressAllowedBy = policyRefs(raw[S_EGRESS_ALLOWED_BY])
  const ingressDeniedBy = policyRefs(raw[S_INGRESS_DENIED_BY])
  const egressDeniedBy = policyRefs(raw[S_EGRESS_DENIED_BY])
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
