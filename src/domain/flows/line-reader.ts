/**
 * The fast path for one-flow lines (jsonpb `{"flow":{…},…}` and bare flows): reads the flow's
 * top-level keys straight from the text into fields.ts slots, without a `JSON.parse` of the line.
 * Hubble repeats the same values on thousands of lines (endpoint objects with their labels,
 * `event_type`, node names, verdicts, summaries), so every object, array and string value is
 * looked up by its raw text and parsed only the first time it is seen: a line costs a scan of
 * its keys and a few lookups instead of building and reading a tree.
 *
 * It gives up (undefined) on anything it is not sure to read as `JSON.parse` would (escapes in
 * keys, a duplicate `flow`, odd spacing around it, trailing text, a bare object that is not a
 * flow…): the parser then reads the line in full, so this only ever changes speed, never
 * results. Every text it accepts is valid JSON: cached texts were parsed when first seen, and
 * what it reads itself (numbers, literals, plain strings) it checks.
 */
import { detached } from './endpoint.ts'
import type { EndpointInterner } from './endpoint.ts'
import type { FlowFields } from './fields.ts'
import { K_FLOW, K_MARKS_FLOW, K_NOT_BARE, K_OTHER, K_PRIMARY, K_SLOT, S, SLOT_COUNT, keyCode, slotName } from './fields.ts'
import type { Flow, FlowL4 } from './flow.ts'
import { TCP_FLAGS, flagListOf } from './l4.ts'
import type { JsonObject } from './json.ts'

/** What the normalizer offers the reader. */
export interface FieldsNormalizer {
  readonly endpoints: EndpointInterner
  fromFields(v: FlowFields, index: number, wrapperTime: unknown, wrapperNode: unknown): Flow
}

const FAIL: unique symbol = Symbol('fail')
type Value = unknown

/** Cache index for values of keys no slot reads (they are still checked). */
const OTHER = SLOT_COUNT

/**
 * Distinct strings kept for interning (verdicts, node names, summaries, DNS names…). Past it the
 * cache is cleared and refills, so a file of ever-new summaries keeps memory flat.
 */
const MAX_STRINGS = 10_000

/** Distinct texts kept per key (IP pairs, `event_type`, `ethernet`, `interface`…), same policy. */
const MAX_VALUES = 4_096

/**
 * Lookups per window after which a key's cache is judged: one that hit fewer than 1 in 8
 * (`l4` with its ephemeral ports, `l7` with its latencies) stops caching, since a miss costs a
 * copy of the text on top of the parse.
 */
const JUDGE_AFTER = 2_048

/** Raw JSON text → parsed value, for one key. */
class ValueCache {
  private readonly map = new Map<string, Value>()
  private lookups = 0
  private hits = 0
  private caching = true

  get(text: string): Value {
    if (!this.caching) return parse(text)
    const found = this.map.get(text)
    if (found !== undefined) {
      this.hits++
      this.judge()
      return found
    }
    const value = parse(text)
    if (value === FAIL) return FAIL
    if (this.map.size >= MAX_VALUES) this.map.clear()
    this.map.set(detached(text), value)
    this.judge()
    return value
  }

  private judge(): void {
    if (++this.lookups < JUDGE_AFTER) return
    if (this.hits * 8 < this.lookups) {
      this.caching = false
      this.map.clear()
    }
    this.lookups = 0
    this.hits = 0
  }
}

function parse(text: string): Value {
  try {
    return JSON.parse(text) as Value
  } catch {
    return FAIL
  }
}

/**
 * Key predictions: the key that followed a key last time (lines repeat their key order, and an
 * optional key inserted, such as `l7`, costs only the prediction after it). Indexed by the
 * previous key: its slot, or for keys no slot reads a bucket by their length; then the same
 * again for the wrapper's keys.
 */
const PREDICTIONS = 1 + SLOT_COUNT + 16
const WRAPPER = PREDICTIONS

function nextPrediction(base: number, code: number, keyLength: number): number {
  return base + 1 + ((code & K_OTHER) !== 0 ? SLOT_COUNT + (keyLength & 15) : code & K_SLOT)
}

/** `"FIN":` … for the plain-`l4` reader, in `TCP_FLAGS` bit order. */
const FLAG_KEYS = TCP_FLAGS.map((f) => `"${f}":`)

export class LineReader {
  private readonly v: FlowFields = new Array<unknown>(SLOT_COUNT).fill(undefined)
  /** Slots whose proto name was read (it beats the alias whatever the order). */
  private primaries = 0
  private marksFlow = false
  /** Index of the next backslash at or after the scan, or -1: strings before it have no escapes. */
  private bs = -1
  /** End of the last value (or key) read. */
  private end = 0
  /** Length of the last key's `"key":` text. */
  private keyLength = 0
  private readonly strings = new Map<string, string>()
  private readonly values: ValueCache[] = Array.from({ length: SLOT_COUNT + 1 }, () => new ValueCache())
  /** The `"key":` text and key code seen last at each key position: a line usually repeats them. */
  private readonly predictedKey: string[] = []
  private readonly predictedCode: number[] = []

  constructor(private readonly normalizer: FieldsNormalizer) {}

  /** The flow of a one-flow line, or undefined to have the line read in full. */
  read(line: string, index: number): Flow | undefined {
    const v = this.v
    v.fill(undefined)
    this.primaries = 0
    this.marksFlow = false
    this.bs = line.indexOf('\\')
    let i = ws(line, 0)
    if (line.charCodeAt(i) !== 123 /* { */) return undefined
    let wrapperTime: Value
    let wrapperNode: Value
    if (line.startsWith('{"flow":{', i)) {
      i = this.object(line, i + 8, false)
      if (i < 0) return undefined
      // The wrapper's other keys: `time` and `node_name` are read, the rest only checked.
      let nodePrimary = false
      let p = WRAPPER
      for (i = ws(line, i); line.charCodeAt(i) === 44 /* , */;) {
        i = ws(line, i + 1)
        const code = this.key(line, i, p)
        if (code < 0 || (code & K_FLOW) !== 0) return undefined
        p = nextPrediction(WRAPPER, code, this.keyLength)
        i = this.end
        const slot = code & K_SLOT
        if ((code & K_OTHER) === 0 && slot === S.time) wrapperTime = this.value(line, i, S.time)
        else if ((code & K_OTHER) === 0 && slot === S.nodeName && ((code & K_PRIMARY) !== 0 || !nodePrimary)) {
          wrapperNode = this.value(line, i, S.nodeName)
          if ((code & K_PRIMARY) !== 0) nodePrimary = true
        } else if (this.value(line, i, OTHER) === FAIL) return undefined
        if (wrapperTime === FAIL || wrapperNode === FAIL) return undefined
        i = ws(line, this.end)
      }
      if (line.charCodeAt(i) !== 125 /* } */) return undefined
      i++
    } else {
      i = this.object(line, i, true)
      // A bare object is a flow only by one of its keys (records.ts `classify`).
      if (i < 0 || !this.marksFlow) return undefined
    }
    if (ws(line, i) !== line.length) return undefined
    try {
      return this.normalizer.fromFields(v, index, wrapperTime, wrapperNode)
    } catch {
      return undefined
    }
  }

  /** Reads the flow object opening at `open` into the slots; the index past it, or -1. */
  private object(line: string, open: number, bare: boolean): number {
    const v = this.v
    let i = ws(line, open + 1)
    if (line.charCodeAt(i) === 125 /* } */) return i + 1
    for (let p = 0; ;) {
      const code = this.key(line, i, p)
      if (code < 0 || (bare && (code & K_NOT_BARE) !== 0)) return -1
      p = nextPrediction(0, code, this.keyLength)
      i = this.end
      if ((code & K_MARKS_FLOW) !== 0) this.marksFlow = true
      const slot = code & K_SLOT
      // An alias after its proto name is checked but not kept, as `field` prefers the proto name.
      if ((code & K_OTHER) !== 0 || ((code & K_PRIMARY) === 0 && (this.primaries & (1 << slot)) !== 0)) {
        if (this.value(line, i, OTHER) === FAIL) return -1
      } else {
        if ((code & K_PRIMARY) !== 0) this.primaries |= 1 << slot
        let value: Value
        if (line.charCodeAt(i) !== 123 /* { */) value = this.value(line, i, slot)
        else if (slot === S.source || slot === S.destination) value = this.endpoint(line, i)
        else if (slot === S.ip) value = this.ip(line, i) ?? this.value(line, i, slot)
        else if (slot === S.l4) {
          const l4 = this.l4(line, i)
          v[S.l4Read] = l4
          value = l4 !== undefined ? undefined : this.value(line, i, slot)
        } else value = this.value(line, i, slot)
        if (value === FAIL) return -1
        v[slot] = value
      }
      i = ws(line, this.end)
      const c = line.charCodeAt(i)
      if (c === 125 /* } */) return i + 1
      if (c !== 44 /* , */) return -1
      i = ws(line, i + 1)
    }
  }

  /**
   * The code of the key at `i` (`keyCode`), with `end` past its colon; -1 when unreadable. `k`:
   * where its prediction is kept.
   */
  private key(line: string, i: number, k: number): number {
    const predicted = this.predictedKey[k]
    if (predicted !== undefined && line.startsWith(predicted, i)) {
      this.keyLength = predicted.length
      this.end = ws(line, i + predicted.length)
      return this.predictedCode[k]
    }
    if (line.charCodeAt(i) !== 34 /* " */) return -1
    const q = line.indexOf('"', i + 1)
    if (q < 0 || this.escapes(line, i, q)) return -1
    const code = keyCode(line.slice(i + 1, q))
    const colon = ws(line, q + 1)
    if (line.charCodeAt(colon) !== 58 /* : */) return -1
    this.end = ws(line, colon + 1)
    this.keyLength = q + 2 - i
    if (colon === q + 1) {
      // Known keys are predicted with their constant spelling, others with a copy: a cut of the
      // line would keep the whole line alive.
      this.predictedKey[k] = (code & K_OTHER) === 0 ? `"${slotName(code)}":` : detached(line.slice(i, q + 2))
      this.predictedCode[k] = code
    }
    return code
  }

  /** Whether the string `[open, close]` holds a backslash. */
  private escapes(line: string, open: number, close: number): boolean {
    if (this.bs >= 0 && this.bs < open) this.bs = line.indexOf('\\', open)
    return this.bs >= 0 && this.bs < close
  }

  /**
   * The value at `i` for `slot` (or `OTHER`), with `end` past it; FAIL when it is not valid
   * JSON. Strings of `time` are cut from the line (read and dropped), of `uuid` copied (unique
   * per flow), of the rest interned; unread strings are only checked.
   */
  private value(line: string, i: number, slot: number): Value {
    const c = line.charCodeAt(i)
    if (c === 34 /* " */) return this.string(line, i, slot)
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const e = valueEnd(line, i)
      if (e < 0) return FAIL
      this.end = e
      return this.values[slot].get(line.slice(i, e))
    }
    if (c === 116 /* t */ && line.startsWith('true', i)) {
      this.end = i + 4
      return true
    }
    if (c === 102 /* f */ && line.startsWith('false', i)) {
      this.end = i + 5
      return false
    }
    if (c === 110 /* n */ && line.startsWith('null', i)) {
      this.end = i + 4
      return null
    }
    return this.number(line, i)
  }

  private string(line: string, i: number, slot: number): Value {
    let q = line.indexOf('"', i + 1)
    if (q < 0) return FAIL
    if (this.escapes(line, i, q)) {
      // Escapes are rare: JSON.parse decodes (and checks) the string exactly.
      q = closingQuote(line, i + 1)
      if (q < 0) return FAIL
      this.end = q + 1
      return parse(line.slice(i, q + 1))
    }
    this.end = q + 1
    if (slot === S.time || slot === OTHER) {
      // JSON forbids raw control characters in strings.
      for (let j = i + 1; j < q; j++) if (line.charCodeAt(j) < 32) return FAIL
      return line.slice(i + 1, q)
    }
    if (slot === S.uuid) return parse(line.slice(i, q + 1))
    const raw = line.slice(i + 1, q)
    const known = this.strings.get(raw)
    if (known !== undefined) return known
    // A fresh string from the parser, which also checks it: the key then shares nothing with the line.
    const s = parse(line.slice(i, q + 1))
    if (typeof s !== 'string') return FAIL
    if (this.strings.size >= MAX_STRINGS) this.strings.clear()
    this.strings.set(s, s)
    return s
  }

  /** A JSON number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`). */
  private number(line: string, i: number): Value {
    const start = i
    if (line.charCodeAt(i) === 45 /* - */) i++
    const first = line.charCodeAt(i)
    if (first === 48 /* 0 */) i++
    else if (first >= 49 && first <= 57) i = digits(line, i)
    else return FAIL
    let simple = true
    if (line.charCodeAt(i) === 46 /* . */) {
      const e = digits(line, i + 1)
      if (e === i + 1) return FAIL
      i = e
      simple = false
    }
    const x = line.charCodeAt(i)
    if (x === 101 || x === 69 /* e E */) {
      i++
      const sign = line.charCodeAt(i)
      if (sign === 43 || sign === 45) i++
      const e = digits(line, i)
      if (e === i) return FAIL
      i = e
      simple = false
    }
    this.end = i
    if (simple && i - start < 10) {
      // Ports, identities, enum numbers: summed in place rather than cut and converted.
      let n = 0
      for (let j = line.charCodeAt(start) === 45 ? start + 1 : start; j < i; j++) n = n * 10 + line.charCodeAt(j) - 48
      return line.charCodeAt(start) === 45 ? -n : n
    }
    return Number(line.slice(start, i))
  }

  /**
   * A plain `IP` object (`source`, `destination`, `ipVersion`, each once, string values without
   * escapes or numbers), built in place: address pairs rarely repeat, addresses do (interned).
   * Undefined for anything else, which the general value reader then takes.
   */
  private ip(line: string, i: number): JsonObject | undefined {
    const o: Record<string, unknown> = {}
    let j = i + 1
    let seen = 0
    if (line.charCodeAt(j) !== 125 /* } */) {
      for (;;) {
        let key: string
        let bit: number
        if (line.startsWith('"source":', j)) [key, bit, j] = ['source', 1, j + 9]
        else if (line.startsWith('"destination":', j)) [key, bit, j] = ['destination', 2, j + 14]
        else if (line.startsWith('"ipVersion":', j)) [key, bit, j] = ['ipVersion', 4, j + 12]
        else return undefined
        if ((seen & bit) !== 0) return undefined
        seen |= bit
        const c = line.charCodeAt(j)
        const value = c === 34 /* " */ ? this.string(line, j, S.ip) : c >= 48 && c <= 57 ? this.number(line, j) : FAIL
        if (value === FAIL) return undefined
        o[key] = value
        j = this.end
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
  private l4(line: string, i: number): FlowL4 | undefined {
    let protocol: 'TCP' | 'UDP' | 'SCTP'
    let j: number
    if (line.startsWith('{"TCP":{', i)) [protocol, j] = ['TCP', i + 8]
    else if (line.startsWith('{"UDP":{', i)) [protocol, j] = ['UDP', i + 8]
    else if (line.startsWith('{"SCTP":{', i)) [protocol, j] = ['SCTP', i + 9]
    else return undefined
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
    return out
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
  private endpoint(line: string, i: number): Value {
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
    if (e < 0) return FAIL
    const t = endpoints.text(line.slice(i, e))
    if (t === undefined) return FAIL
    this.end = e
    return t
  }
}

function ws(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i
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

function digits(s: string, i: number): number {
  for (;;) {
    // Written so that NaN (past the end) stops it.
    const c = s.charCodeAt(i)
    if (!(c >= 48 && c <= 57)) return i
    i++
  }
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

/** The closing quote of the string whose contents start at `from`, escapes skipped. */
function closingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 34 /* " */) return i
  }
  return -1
}
