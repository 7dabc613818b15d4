/**
 * The fast path for one-flow lines. Hubble repeats the same text on thousands of lines: endpoint
 * objects with their labels, and around them the same keys with the same verdict, type, node,
 * direction, summary. What differs line to line is a few values: the times, the `IP` pair, the
 * ports in `l4`, which endpoints. So those values are cut out and read on their own (endpoints
 * looked up by text, `IP` and `l4` read in place), and the rest of the line — its skeleton, with
 * a placeholder where each value was — is parsed once per distinct skeleton and its fields
 * reused: a line then costs a few searches and lookups instead of a `JSON.parse`.
 *
 * Exactness: a line with any backslash is left to the general path, so the placeholders (the
 * JSON strings `"\u0001"`…`"\u0006"`, written with an escape) can never be part of a line's own
 * text, and each names the value it stands for. A skeleton is trusted only when its parse puts
 * each placeholder exactly where the normalizer reads that field (so a duplicate key or a value
 * cut from the wrong object sends the line to the general path); each cut value is checked on
 * its own (a complete object, a string without control characters). A valid skeleton with valid
 * values in place of its placeholders is the line itself, so the flow is the one `JSON.parse`
 * of the whole line gives.
 */
import { EndpointText, detached } from './endpoint.ts'
import type { EndpointInterner } from './endpoint.ts'
import type { FlowFields } from './fields.ts'
import { S, SLOT_COUNT, fieldsOf } from './fields.ts'
import type { Flow, FlowL4 } from './flow.ts'
import { field } from './json.ts'
import type { JsonObject } from './json.ts'
import { TCP_FLAGS, flagListOf } from './l4.ts'
import { classify } from './records.ts'

/** What the normalizer offers the reader. */
export interface FieldsNormalizer {
  readonly endpoints: EndpointInterner
  fromFields(v: FlowFields, index: number, wrapperTime: unknown, wrapperNode: unknown): Flow
}

/** The values cut out of a line, numbered as their placeholders. */
const FLOW_TIME = 1
const WRAPPER_TIME = 2
const IP = 3
const L4 = 4
const SOURCE = 5
const DESTINATION = 6
const PLACEHOLDERS = ['', '"\\u0001"', '"\\u0002"', '"\\u0003"', '"\\u0004"', '"\\u0005"', '"\\u0006"']
const MARKS = ['', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006']

/**
 * Distinct skeletons kept. Verdicts × types × nodes × directions × summaries make dozens to a few
 * thousand; each entry holds its text (~0.5 KB) and one slot array, so 5,000 stay under ~5 MB.
 * Past it the map is cleared and refills (memory flat, speed back to parsing skeletons).
 */
const MAX_SKELETONS = 5_000

/** Distinct strings kept for interning (addresses). Same policy. */
const MAX_STRINGS = 20_000

/** A parsed skeleton: its fields, placeholders included, and the wrapper's. */
interface Skeleton {
  readonly slots: FlowFields
  readonly wrapperTime: unknown
  readonly wrapperNode: unknown
}

/** `"FIN":` … for the plain-`l4` reader, in `TCP_FLAGS` bit order. */
const FLAG_KEYS = TCP_FLAGS.map((f) => `"${f}":`)

/** A plain `l4` read in place (`LineReader.l4`). */
class L4Read {
  constructor(readonly l4: FlowL4) {}
}

export class LineReader {
  private readonly v: FlowFields = new Array<unknown>(SLOT_COUNT).fill(undefined)
  /** End of the last value read. */
  private end = 0
  private readonly strings = new Map<string, string>()
  /** Skeleton text → its parse, or null when it is not one this path can use. */
  private readonly skeletons = new Map<string, Skeleton | null>()
  // The cuts of the current line, in the order found, then sorted by position.
  private readonly kinds: number[] = []
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  private readonly values: unknown[] = []

  constructor(private readonly normalizer: FieldsNormalizer) {}

  /** The flow of a one-flow line, or undefined to have the line read in full. */
  read(line: string, index: number): Flow | undefined {
    if (line.indexOf('\\') >= 0) return undefined
    const source = line.indexOf('"source":{')
    if (source < 0) return undefined
    // Searched after the source first (the usual order): the search then skips no endpoint text.
    let destination = line.indexOf('"destination":{', source + 9)
    if (destination < 0) destination = line.indexOf('"destination":{')
    if (destination < 0) return undefined
    this.kinds.length = 0
    const time = line.indexOf('"time":"')
    if (time >= 0) {
      this.cut(FLOW_TIME, time + 7)
      const last = line.lastIndexOf('"time":"')
      if (last > time) this.cut(WRAPPER_TIME, last + 7)
    }
    const ip = line.indexOf('"IP":{')
    if (ip >= 0) this.cut(IP, ip + 5)
    const l4 = line.indexOf('"l4":{')
    if (l4 >= 0) this.cut(L4, l4 + 5)
    this.cut(SOURCE, source + 9)
    this.cut(DESTINATION, destination + 14)
    this.sortCuts()
    // Read each value and build the skeleton from the text between them.
    const n = this.kinds.length
    let skeleton = ''
    let at = 0
    for (let k = 0; k < n; k++) {
      const start = this.starts[k]
      if (start < at) return undefined
      const kind = this.kinds[k]
      const value = this.cutValue(line, kind, start)
      if (value === undefined) return undefined
      this.values[k] = value
      this.ends[k] = this.end
      skeleton += line.slice(at, start) + PLACEHOLDERS[kind]
      at = this.end
    }
    skeleton += line.slice(at)
    let sk = this.skeletons.get(skeleton)
    if (sk === undefined) sk = this.learn(skeleton)
    if (sk === null) return undefined
    const v = this.v
    for (let s = 0; s < SLOT_COUNT; s++) v[s] = sk.slots[s]
    let wrapperTime = sk.wrapperTime
    for (let k = 0; k < n; k++) {
      const value = this.values[k]
      switch (this.kinds[k]) {
        case FLOW_TIME: v[S.time] = value; break
        case WRAPPER_TIME: wrapperTime = value; break
        case IP: v[S.ip] = value; break
        case L4:
          if (value instanceof L4Read) {
            v[S.l4Read] = value.l4
            v[S.l4] = undefined
          } else v[S.l4] = value
          break
        case SOURCE: v[S.source] = value; break
        case DESTINATION: v[S.destination] = value; break
      }
    }
    try {
      return this.normalizer.fromFields(v, index, wrapperTime, sk.wrapperNode)
    } catch {
      return undefined
    }
  }

  private cut(kind: number, start: number): void {
    this.starts[this.kinds.length] = start
    this.kinds.push(kind)
  }

  /** Insertion sort of the (at most six) cuts by position. */
  private sortCuts(): void {
    const { kinds, starts } = this
    for (let i = 1; i < kinds.length; i++) {
      const k = kinds[i]
      const s = starts[i]
      let j = i - 1
      for (; j >= 0 && starts[j] > s; j--) {
        kinds[j + 1] = kinds[j]
        starts[j + 1] = starts[j]
      }
      kinds[j + 1] = k
      starts[j + 1] = s
    }
  }

  /** The value cut at `start`, with `end` past it; undefined when it is not one this path reads. */
  private cutValue(line: string, kind: number, start: number): unknown {
    if (kind === FLOW_TIME || kind === WRAPPER_TIME) {
      // No backslash in the line: the next quote closes the string. JSON forbids raw control characters in it.
      const q = line.indexOf('"', start + 1)
      if (q < 0) return undefined
      for (let j = start + 1; j < q; j++) if (line.charCodeAt(j) < 32) return undefined
      this.end = q + 1
      return line.slice(start + 1, q)
    }
    if (kind === SOURCE || kind === DESTINATION) return this.endpoint(line, start)
    const plain = kind === IP ? this.ip(line, start) : this.l4(line, start)
    if (plain !== undefined) return plain
    const e = valueEnd(line, start)
    if (e < 0) return undefined
    this.end = e
    try {
      return JSON.parse(line.slice(start, e)) as unknown
    } catch {
      return undefined
    }
  }

  /** Parses a skeleton seen for the first time and keeps it, or null when it is not usable. */
  private learn(skeleton: string): Skeleton | null {
    let sk: Skeleton | null = null
    let value: unknown
    try {
      value = JSON.parse(skeleton)
    } catch {
      value = undefined
    }
    const r = value === undefined ? undefined : classify(value)
    if (r?.kind === 'flow') {
      const f = r.flow
      let ok = true
      for (let k = 0; k < this.kinds.length && ok; k++) {
        const mark = MARKS[this.kinds[k]]
        switch (this.kinds[k]) {
          case FLOW_TIME: ok = field(f, 'time') === mark; break
          case WRAPPER_TIME: ok = r.time === mark; break
          case IP: ok = field(f, 'IP', 'ip') === mark; break
          case L4: ok = field(f, 'l4') === mark; break
          case SOURCE: ok = field(f, 'source') === mark; break
          case DESTINATION: ok = field(f, 'destination') === mark; break
        }
      }
      if (ok) sk = { slots: fieldsOf(f, new Array<unknown>(SLOT_COUNT)), wrapperTime: r.time, wrapperNode: r.node }
    }
    if (this.skeletons.size >= MAX_SKELETONS) this.skeletons.clear()
    this.skeletons.set(detached(skeleton), sk)
    return sk
  }

  /** An interned string value (no backslash in the line: the next quote closes it). */
  private string(line: string, i: number): string | undefined {
    const q = line.indexOf('"', i + 1)
    if (q < 0) return undefined
    this.end = q + 1
    const raw = line.slice(i + 1, q)
    const known = this.strings.get(raw)
    if (known !== undefined) return known
    // A fresh string from the parser, which also checks it: the key then shares nothing with the line.
    let s: unknown
    try {
      s = JSON.parse(line.slice(i, q + 1))
    } catch {
      return undefined
    }
    if (typeof s !== 'string') return undefined
    if (this.strings.size >= MAX_STRINGS) this.strings.clear()
    this.strings.set(s, s)
    return s
  }

  /**
   * A plain `IP` object (`source`, `destination`, `ipVersion`, each once, string or plain
   * integer values), built in place: address pairs rarely repeat, addresses do (interned).
   * Undefined for anything else, which `JSON.parse` then reads.
   */
  private ip(line: string, i: number): JsonObject | undefined {
    const o: Record<string, unknown> = {}
    let j = i + 1
    let seen = 0
    if (line.charCodeAt(j) !== 125 /* } */) {
      for (;;) {
        let key: string
        let bit: number
        if (line.startsWith('"source":', j)) {
          key = 'source'
          bit = 1
          j += 9
        } else if (line.startsWith('"destination":', j)) {
          key = 'destination'
          bit = 2
          j += 14
        } else if (line.startsWith('"ipVersion":', j)) {
          key = 'ipVersion'
          bit = 4
          j += 12
        } else return undefined
        if ((seen & bit) !== 0) return undefined
        seen |= bit
        const c = line.charCodeAt(j)
        const value = c === 34 /* " */ ? this.string(line, j) : plainInt(line, j)
        if (value === undefined || value === -1) return undefined
        o[key] = value
        j = c === 34 ? this.end : digits(line, j)
        const d = line.charCodeAt(j)
        if (d === 125 /* } */) break
        if (d !== 44 /* , */) return undefined
        j++
      }
    }
    this.end = j + 1
    return o
  }

  /**
   * A plain `l4` object (`{"TCP":{"source_port":…,"destination_port":…,"flags":{"ACK":true}}}`,
   * UDP or SCTP without flags; each key once, ports as plain integers) → the `FlowL4` that
   * `normalizeL4` makes of it. Ephemeral ports make these texts nearly all distinct, so they are
   * read, not cached. Undefined for anything else (ICMP, camelCase, odd values…).
   */
  private l4(line: string, i: number): L4Read | undefined {
    let protocol: 'TCP' | 'UDP' | 'SCTP'
    let j = i + 8
    if (line.startsWith('{"TCP":{', i)) protocol = 'TCP'
    else if (line.startsWith('{"UDP":{', i)) protocol = 'UDP'
    else if (line.startsWith('{"SCTP":{', i)) {
      protocol = 'SCTP'
      j++
    } else return undefined
    let sourcePort = -1
    let destinationPort = -1
    let flags = -1
    if (line.charCodeAt(j) !== 125 /* } */) {
      for (;;) {
        if (sourcePort < 0 && line.startsWith('"source_port":', j)) {
          sourcePort = plainInt(line, j + 14)
          if (sourcePort < 0) return undefined
          j = digits(line, j + 14)
        } else if (destinationPort < 0 && line.startsWith('"destination_port":', j)) {
          destinationPort = plainInt(line, j + 19)
          if (destinationPort < 0) return undefined
          j = digits(line, j + 19)
        } else if (flags < 0 && protocol === 'TCP' && line.startsWith('"flags":{', j)) {
          j = this.flags(line, j + 9)
          if (j < 0) return undefined
          flags = this.end
        } else return undefined
        const d = line.charCodeAt(j)
        if (d === 125 /* } */) break
        if (d !== 44 /* , */) return undefined
        j++
      }
    }
    if (line.charCodeAt(j + 1) !== 125 /* } */) return undefined
    this.end = j + 2
    const out: { -readonly [K in keyof FlowL4]: FlowL4[K] } = { protocol }
    if (sourcePort >= 0) out.sourcePort = sourcePort
    if (destinationPort >= 0) out.destinationPort = destinationPort
    if (flags > 0) out.tcpFlags = flagListOf(flags)
    return new L4Read(out)
  }

  /** The flags object whose first key is at `j`: the index past it, with the set bits in `end`; -1 if not plain. */
  private flags(line: string, j: number): number {
    let bits = 0
    let seen = 0
    if (line.charCodeAt(j) === 125 /* } */) {
      this.end = 0
      return j + 1
    }
    for (;;) {
      let f = 0
      while (f < FLAG_KEYS.length && !line.startsWith(FLAG_KEYS[f], j)) f++
      if (f === FLAG_KEYS.length || (seen & (1 << f)) !== 0) return -1
      seen |= 1 << f
      j += FLAG_KEYS[f].length
      if (line.startsWith('true', j)) {
        bits |= 1 << f
        j += 4
      } else if (line.startsWith('false', j)) j += 5
      else return -1
      const d = line.charCodeAt(j)
      if (d === 125 /* } */) break
      if (d !== 44 /* , */) return -1
      j++
    }
    this.end = bits
    return j + 1
  }

  /**
   * An endpoint object (`source`/`destination`), looked up by its text. The first `},"` after it
   * is where the usual jsonpb line closes it; a known text there is a complete object, so the
   * object at `i` ends there too. Otherwise the balanced scan finds its end.
   */
  private endpoint(line: string, i: number): EndpointText | undefined {
    const endpoints = this.normalizer.endpoints
    const close = line.indexOf('},"', i)
    if (close >= 0) {
      const t = endpoints.findText(line.slice(i, close + 1))
      if (t !== undefined) {
        this.end = close + 1
        return t
      }
    }
    const e = valueEnd(line, i)
    if (e < 0) return undefined
    const t = endpoints.text(line.slice(i, e))
    if (t === undefined) return undefined
    this.end = e
    return t
  }
}

function digits(s: string, i: number): number {
  for (;;) {
    // Written so that NaN (past the end) stops it.
    const c = s.charCodeAt(i)
    if (!(c >= 48 && c <= 57)) return i
    i++
  }
}

/** The plain non-negative integer (no sign, no leading zero, up to 9 digits) at `i`, else -1. */
function plainInt(s: string, i: number): number {
  const e = digits(s, i)
  if (e === i || e - i > 9 || (s.charCodeAt(i) === 48 && e - i > 1)) return -1
  const c = s.charCodeAt(e)
  if (c === 46 || c === 101 || c === 69 /* . e E */) return -1
  let n = 0
  for (let j = i; j < e; j++) n = n * 10 + s.charCodeAt(j) - 48
  return n
}

/**
 * Index just past the JSON object or array that starts at `start`, skipping strings (with their
 * escapes) via indexOf; -1 when it does not close on this line.
 */
function valueEnd(s: string, start: number): number {
  let depth = 0
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 34 /* " */) {
      let q = s.indexOf('"', i + 1)
      while (q > 0 && escaped(s, q)) q = s.indexOf('"', q + 1)
      if (q < 0) return -1
      i = q
    } else if (c === 123 || c === 91) depth++
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1
    }
  }
  return -1
}

/** Whether the quote at `q` is escaped (an odd run of backslashes before it). */
function escaped(s: string, q: number): boolean {
  let n = 0
  for (let i = q - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++
  return (n & 1) === 1
}
