/**
 * The fields of a Hubble flow record that ingest reads, each with its spellings (hubble-flows.md
 * §2: proto names first, lowerCamelCase second). Normalizing is two steps: the raw JSON values of
 * these fields are gathered into slots, then converted (normalize.ts `build`). Slots are filled
 * either from a parsed object (`readFields`, the reference) or straight from a line's text
 * (line-scan.ts); both read through this one table, so a field added here is read by both.
 */
import type { JsonObject } from './json.ts'
import { field, obj } from './json.ts'

export const S_TIME = 0
export const S_NODE_NAME = 1
export const S_VERDICT = 2
export const S_DROP_REASON_DESC = 3
export const S_DROP_REASON = 4
export const S_L7 = 5
export const S_TRACE_REASON = 6
export const S_OBSERVATION_POINT = 7
export const S_SOURCE = 8
export const S_DESTINATION = 9
export const S_SOURCE_NAMES = 10
export const S_DESTINATION_NAMES = 11
export const S_SOURCE_SERVICE = 12
export const S_DESTINATION_SERVICE = 13
export const S_IS_REPLY = 14
export const S_REPLY = 15
export const S_L4 = 16
export const S_POLICY_MATCH_TYPE = 17
export const S_PROXY_PORT = 18
export const S_SUMMARY = 19
export const S_UUID = 20
export const S_AGGREGATE = 21
export const S_TYPE = 22
export const S_DIRECTION = 23
export const S_INGRESS_ALLOWED_BY = 24
export const S_EGRESS_ALLOWED_BY = 25
export const S_INGRESS_DENIED_BY = 26
export const S_EGRESS_DENIED_BY = 27
/** `IP.source`, `IP.destination`, `IP.ipVersion`: undefined when `IP` is not an object. */
export const S_IP_SOURCE = 28
export const S_IP_DESTINATION = 29
export const S_IP_VERSION = 30
/** `event_type.type`, `event_type.sub_type`: undefined when `event_type` is not an object. */
export const S_EVENT_TYPE = 31
export const S_EVENT_SUB_TYPE = 32
export const SLOT_COUNT = 33

/** How line-scan.ts reads a slot's value fast; any other JSON value is still read, only slower. */
export type SlotShape = 'string' | 'number' | 'boolean' | 'endpoint' | 'l4' | 'json'

/** [slot, proto name, lowerCamelCase alias, shape]. */
export type Spelling = readonly [slot: number, snake: string, camel: string | undefined, shape: SlotShape]

export const FLOW_FIELDS: readonly Spelling[] = [
  [S_TIME, 'time', undefined, 'string'],
  [S_NODE_NAME, 'node_name', 'nodeName', 'string'],
  [S_VERDICT, 'verdict', undefined, 'string'],
  [S_DROP_REASON_DESC, 'drop_reason_desc', 'dropReasonDesc', 'string'],
  [S_DROP_REASON, 'drop_reason', 'dropReason', 'number'],
  [S_L7, 'l7', undefined, 'json'],
  [S_TRACE_REASON, 'trace_reason', 'traceReason', 'string'],
  [S_OBSERVATION_POINT, 'trace_observation_point', 'traceObservationPoint', 'string'],
  [S_SOURCE, 'source', undefined, 'endpoint'],
  [S_DESTINATION, 'destination', undefined, 'endpoint'],
  [S_SOURCE_NAMES, 'source_names', 'sourceNames', 'json'],
  [S_DESTINATION_NAMES, 'destination_names', 'destinationNames', 'json'],
  [S_SOURCE_SERVICE, 'source_service', 'sourceService', 'json'],
  [S_DESTINATION_SERVICE, 'destination_service', 'destinationService', 'json'],
  [S_IS_REPLY, 'is_reply', 'isReply', 'boolean'],
  [S_REPLY, 'reply', undefined, 'boolean'],
  [S_L4, 'l4', undefined, 'l4'],
  [S_POLICY_MATCH_TYPE, 'policy_match_type', 'policyMatchType', 'number'],
  [S_PROXY_PORT, 'proxy_port', 'proxyPort', 'number'],
  [S_SUMMARY, 'Summary', 'summary', 'string'],
  [S_UUID, 'uuid', undefined, 'string'],
  [S_AGGREGATE, 'aggregate', undefined, 'json'],
  [S_TYPE, 'Type', 'type', 'string'],
  [S_DIRECTION, 'traffic_direction', 'trafficDirection', 'string'],
  [S_INGRESS_ALLOWED_BY, 'ingress_allowed_by', 'ingressAllowedBy', 'json'],
  [S_EGRESS_ALLOWED_BY, 'egress_allowed_by', 'egressAllowedBy', 'json'],
  [S_INGRESS_DENIED_BY, 'ingress_denied_by', 'ingressDeniedBy', 'json'],
  [S_EGRESS_DENIED_BY, 'egress_denied_by', 'egressDeniedBy', 'json'],
]

/** The nested objects whose members fill slots of their own. */
export const IP_KEY: readonly [string, string] = ['IP', 'ip']
export const IP_FIELDS: readonly Spelling[] = [
  [S_IP_SOURCE, 'source', undefined, 'string'],
  [S_IP_DESTINATION, 'destination', undefined, 'string'],
  // The message's own field is `ipVersion`; `ip_version` is the alias here.
  [S_IP_VERSION, 'ipVersion', 'ip_version', 'string'],
]
export const EVENT_TYPE_KEY: readonly [string, string] = ['event_type', 'eventType']
export const EVENT_TYPE_FIELDS: readonly Spelling[] = [
  [S_EVENT_TYPE, 'type', undefined, 'number'],
  [S_EVENT_SUB_TYPE, 'sub_type', 'subType', 'number'],
]

/** Fills `raw` with the values `field()` finds in a parsed flow object: the reference reading. */
export function readFields(f: JsonObject, raw: unknown[]): void {
  for (const [slot, snake, camel] of FLOW_FIELDS) raw[slot] = field(f, snake, camel)
  readNested(obj(f, IP_KEY[0], IP_KEY[1]), IP_FIELDS, raw)
  readNested(obj(f, EVENT_TYPE_KEY[0], EVENT_TYPE_KEY[1]), EVENT_TYPE_FIELDS, raw)
}

function readNested(o: JsonObject | undefined, fields: readonly Spelling[], raw: unknown[]): void {
  for (const [slot, snake, camel] of fields) raw[slot] = o === undefined ? undefined : field(o, snake, camel)
}
