/**
 * The top-level fields of a Hubble `Flow` that ingest reads, as numbered slots: the general path
 * fills them from a parsed object (`fieldsOf`), the line reader (line-reader.ts) straight from
 * the text, and one normalizer (normalize.ts) reads them, so both paths give the same flow.
 * Each slot merges a proto name and its lowerCamelCase alias the way `field` does: the proto
 * name wins whenever it is present (hubble-flows.md §2).
 */
import type { JsonObject } from './json.ts'
import { field } from './json.ts'
import { FLOW_KEYS, NON_FLOW_KEYS } from './records.ts'

/** Slot numbers. */
export const S = {
  time: 0, nodeName: 1, verdict: 2, dropReasonDesc: 3, dropReason: 4, l7: 5, traceReason: 6, observationPoint: 7,
  ip: 8, eventType: 9, source: 10, destination: 11, sourceNames: 12, destinationNames: 13, sourceService: 14,
  destinationService: 15, isReply: 16, reply: 17, l4: 18, ingressAllowedBy: 19, egressAllowedBy: 20,
  ingressDeniedBy: 21, egressDeniedBy: 22, policyMatchType: 23, proxyPort: 24, summary: 25, uuid: 26, aggregate: 27,
  type: 28, direction: 29,
  /** Not a key: the line reader's `FlowL4`, read straight from a plain `l4` text (then `l4` is empty). */
  l4Read: 30,
} as const

/** Slots that hold keys. */
const KEY_SLOTS = 30
export const SLOT_COUNT = 31

/** Slot → [proto name, alias]. */
const NAMES: readonly (readonly [string, string?])[] = [
  ['time'], ['node_name', 'nodeName'], ['verdict'], ['drop_reason_desc', 'dropReasonDesc'], ['drop_reason', 'dropReason'],
  ['l7'], ['trace_reason', 'traceReason'], ['trace_observation_point', 'traceObservationPoint'], ['IP', 'ip'],
  ['event_type', 'eventType'], ['source'], ['destination'], ['source_names', 'sourceNames'],
  ['destination_names', 'destinationNames'], ['source_service', 'sourceService'],
  ['destination_service', 'destinationService'], ['is_reply', 'isReply'], ['reply'], ['l4'],
  ['ingress_allowed_by', 'ingressAllowedBy'], ['egress_allowed_by', 'egressAllowedBy'],
  ['ingress_denied_by', 'ingressDeniedBy'], ['egress_denied_by', 'egressDeniedBy'],
  ['policy_match_type', 'policyMatchType'], ['proxy_port', 'proxyPort'], ['Summary', 'summary'], ['uuid'], ['aggregate'],
  ['Type', 'type'], ['traffic_direction', 'trafficDirection'],
]

/** Slot values; `undefined` where the flow has no such key (JSON never yields `undefined`). */
export type FlowFields = unknown[]

/** Fills `out` from a parsed flow object. */
export function fieldsOf(f: JsonObject, out: FlowFields): FlowFields {
  for (let s = 0; s < KEY_SLOTS; s++) {
    const [name, alias] = NAMES[s]
    out[s] = field(f, name, alias)
  }
  out[S.l4Read] = undefined
  return out
}

/** A key code (`keyCode`): the slot in the low bits, then what else the key means. */
export const K_SLOT = 0x3f
/** The proto name (not the alias): it overrides an alias already read. */
export const K_PRIMARY = 0x40
/** One of the keys that make a bare object a flow (records.ts FLOW_KEYS). */
export const K_MARKS_FLOW = 0x80
/** A key the bare-flow path leaves to the general one (a wrapper or a non-flow event). */
export const K_NOT_BARE = 0x100
/** A key no slot reads. */
export const K_OTHER = 0x200
/** `flow`: the wrapper's flow object. */
export const K_FLOW = 0x400

const MARKS_FLOW: ReadonlySet<string> = new Set(FLOW_KEYS)
const NOT_BARE = ['flow', ...NON_FLOW_KEYS]

const CODES: ReadonlyMap<string, number> = (() => {
  const codes = new Map<string, number>()
  NAMES.forEach(([name, alias], slot) => {
    codes.set(name, slot | K_PRIMARY | (MARKS_FLOW.has(name) ? K_MARKS_FLOW : 0))
    if (alias !== undefined) codes.set(alias, slot | (MARKS_FLOW.has(alias) ? K_MARKS_FLOW : 0))
  })
  for (const k of NOT_BARE) codes.set(k, K_NOT_BARE | K_OTHER | (k === 'flow' ? K_FLOW : 0))
  return codes
})()

/** The code of a flow object's key (`K_*` bits). */
export function keyCode(key: string): number {
  return CODES.get(key) ?? K_OTHER
}

/** The spelling of a slot's key, for a key code that has a slot. */
export function slotName(code: number): string {
  const [name, alias] = NAMES[code & K_SLOT]
  return (code & K_PRIMARY) !== 0 || alias === undefined ? name : alias
}
