/**
 * Classifies one parsed JSON value (a line, or an element of an array) as a flow, a non-flow
 * event, or something unreadable (hubble-flows.md §1, pitfall 14).
 */
import type { JsonObject } from './json.ts'
import { field, isObject } from './json.ts'

export type RecordKind =
  | { readonly kind: 'flow'; readonly flow: JsonObject; readonly time: unknown; readonly node: unknown }
  | { readonly kind: 'nonFlow' }
  | { readonly kind: 'lost'; readonly lost: JsonObject; readonly time: unknown; readonly node: unknown }
  | { readonly kind: 'invalid'; readonly reason: string }

/** Event kinds that share the wrapper with `flow` but are not flows (§1a, §1c). */
export const NON_FLOW_KEYS = ['lost_events', 'lostEvents', 'node_status', 'nodeStatus', 'agent_event', 'agentEvent',
  'debug_event', 'debugEvent']

/** Keys that identify a bare (legacy `-o json`) Flow object (§1b). */
export const FLOW_KEYS = ['verdict', 'IP', 'source', 'destination', 'l4', 'l7', 'Type', 'event_type', 'eventType',
  'traffic_direction', 'trafficDirection', 'drop_reason_desc', 'is_reply']

export function classify(value: unknown): RecordKind {
  if (!isObject(value)) return { kind: 'invalid', reason: 'not a JSON object' }
  const wrapped = field(value, 'flow')
  if (wrapped !== undefined) {
    if (!isObject(wrapped)) return { kind: 'invalid', reason: '"flow" is not an object' }
    return { kind: 'flow', flow: wrapped, time: field(value, 'time'), node: field(value, 'node_name', 'nodeName') }
  }
  const lost = field(value, 'lost_events', 'lostEvents')
  if (isObject(lost)) return { kind: 'lost', lost, time: field(value, 'time'), node: field(value, 'node_name', 'nodeName') }
  for (const k of NON_FLOW_KEYS) if (field(value, k) !== undefined) return { kind: 'nonFlow' }
  for (const k of FLOW_KEYS) if (field(value, k) !== undefined) return { kind: 'flow', flow: value, time: undefined, node: undefined }
  // A wrapper with only node_name/time carries an event kind newer than this reader: not a flow.
  if (field(value, 'node_name') !== undefined || field(value, 'time') !== undefined) return { kind: 'nonFlow' }
  return { kind: 'invalid', reason: 'JSON object is not a Hubble flow record' }
}

/**
 * Lines shipped through `kubectl logs`, Loki or fluent-bit carry a prefix (CRI
 * `2024-… stdout F {…}`) or the event as an escaped string (`msg="{\"flow\":…}"`) (§1c).
 * Returns the JSON text inside, or undefined when there is none.
 */
export function unwrapLogLine(line: string): string | undefined {
  const escaped = line.indexOf('"{\\"')
  if (escaped >= 0) {
    const end = closingQuote(line, escaped + 1)
    if (end > 0) {
      try {
        const inner: unknown = JSON.parse(line.slice(escaped, end + 1))
        if (typeof inner === 'string') return inner
      } catch {
        // fall through to the plain-prefix case
      }
    }
  }
  const brace = line.indexOf('{')
  return brace > 0 ? line.slice(brace) : undefined
}

function closingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 34 /* " */) return i
  }
  return -1
}
