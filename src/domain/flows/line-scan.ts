/**
 * Reads a one-record line of Hubble JSON straight into the slots of fields.ts, without building
 * the parsed objects: the ingest's fast path. `JSON.parse` spends most of a flow's time creating
 * objects and properties for sections normalize reads a few values from, and Hubble lines repeat
 * most of their text thousands of times, so here:
 * - a member (`"verdict":"FORWARDED"`, `"event_type":{"type":4}`, `"ethernet":{…}`) that repeats
 *   one seen before is recognised by comparing its text whole, and its values are reused;
 * - endpoint objects are found in place and parsed once per distinct text (endpoint.ts `textAt`);
 * - keys are expected in the order Hubble writes them, and compared rather than looked up;
 * - numbers, booleans, strings and TCP/UDP/SCTP port sections are read without objects;
 * - any other value is cut out and given to `JSON.parse` whole, so it reads exactly as it would
 *   in the full line.
 *
 * Exactness: `scan` accepts a line only when it reads it exactly as `JSON.parse` followed by
 * `readFields` would (same values, same rejections of invalid JSON). Anything else returns false
 * and the caller parses the line: whitespace between tokens, escapes in keys, a duplicate key
 * (both spellings of one field included: their precedence stays with `field()`), a line that is
 * neither a wrapper nor a bare flow. Strings that may end up in a flow are copied off the line, so a flow
 * never keeps a read chunk alive.
 *
 * Comparisons cut the text (`slice`) and use `===`, which V8 runs as a memory compare: a
 * character loop in JS, or `startsWith`, costs several times more per character.
 */
import type { EndpointInterner, EndpointText } from './endpoint.ts'
import {
  EVENT_TYPE_FIELDS, EVENT_TYPE_KEY, FLOW_FIELDS, IP_FIELDS, IP_KEY, S_DESTINATION, S_EVENT_SUB_TYPE, S_EVENT_TYPE,
  S_IP_DESTINATION, S_IP_SOURCE, S_IP_VERSION, S_L4, S_TIME, S_UUID, SLOT_COUNT,
} from './fields.ts'
import type { SlotShape, Spelling } from './fields.ts'
import type { FlowL4 } from './flow.ts'
import { asNum, asObj } from './json.ts'
import { detached, objectEnd, stringEnd } from './json-text.ts'
import { flagList, portL4 } from './l4.ts'
import type { PortProtocol } from './l4.ts'
import { FLOW_KEYS, NON_FLOW_KEYS } from './records.ts'

const FAIL = -1
const QUOTE = 34
const COMMA = 44
const COLON = 58
const LBRACKET = 91
const LBRACE = 123
const RBRACE = 125

/** Slots past the flow's own: the wrapper's `time` and `node_name` (classify's `time`, `node`)… */
const W_TIME = SLOT_COUNT
const W_NODE = SLOT_COUNT + 1
/** …and the members of an `l4` port section (`normalizeL4` reads them). */
const P_SOURCE_PORT = SLOT_COUNT + 2
const P_DESTINATION_PORT = SLOT_COUNT + 3
const P_FLAGS = SLOT_COUNT + 4
const RAW_SLOTS = SLOT_COUNT + 5
/** Ids of keys that fill no slot of their own, for duplicate detection. */
const K_FLOW = RAW_SLOTS
const K_IP = RAW_SLOTS + 1
const K_EVENT_TYPE = RAW_SLOTS + 2
const KEY_IDS = RAW_SLOTS + 3

/** Strings shorter than this are copied by `slice` anyway (V8 makes views of longer ones only). */
const MIN_VIEW = 13

/** Member texts remembered per key, replaced in turn when full. */
const MEMBERS_PER_KEY = 8
/** A key whose members rarely repeat (times, ports, IP pairs…) stops being compared for a while. */
const JUDGE_EVERY = 64
const MIN_HITS = 8
const PAUSE = 1024

type Shape = SlotShape | 'flow' | 'ip' | 'eventType' | 'flags' | 'unknown'

/** The slots a member of this key and shape sets, which a repeat of it sets again; undefined: not remembered. */
function writesOf(id: number, shape: Shape): readonly number[] | undefined {
  if (id === S_TIME || id === W_TIME || id === S_UUID) return undefined // new on every line
  switch (shape) {
    case 'string': case 'number': case 'boolean': case 'json': case 'flags': return [id]
    case 'ip': return [S_IP_SOURCE, S_IP_DESTINATION, S_IP_VERSION]
    case 'eventType': return [S_EVENT_TYPE, S_EVENT_SUB_TYPE]
    case 'unknown': return []
    case 'endpoint': case 'l4': case 'flow': return undefined
  }
}

class Key {
  /** The key as it opens its member: `"name":`. */
  readonly quoted: string
  /** The key that followed this one last time: Hubble writes fields in one order. */
  next: Key | undefined
  private readonly writes: readonly number[] | undefined
  /** Whole member texts seen (key and value, copied off their lines), and the values each set. */
  private readonly members: string[] = []
  private readonly values: unknown[][] = []
  private hand = 0
  private remembering: boolean
  private looks = 0
  private hits = 0
  private paused = 0

  constructor(
    readonly name: string,
    /** The slot (or key id) it fills; each may be seen once per object. -1: a key nothing reads. */
    readonly id: number,
    readonly shape: Shape,
    /** One of classify's FLOW_KEYS: what makes a bare object a flow. */
    readonly flowKey: boolean,
  ) {
    this.quoted = `"${name}":`
    this.writes = writesOf(id, shape)
    this.remembering = this.writes !== undefined
  }

  /**
   * The end of the member at `p` when it is one seen before (its values then set in `raw`), else
   * FAIL. A remembered member is a key and a whole JSON value; followed by `,` or `}` in the line,
   * it is that member exactly, however the value goes on in other lines.
   */
  repeat(s: string, p: number, raw: unknown[]): number {
    if (!this.remembering) {
      if (this.writes !== undefined && --this.paused <= 0) this.remembering = true
      return FAIL
    }
    const members = this.members
    for (let m = 0; m < members.length; m++) {
      const t = members[m]
      const e = p + t.length
      const c = s.charCodeAt(e)
      // Members of one key mostly differ in their last characters (`"node_name":"node-3"`): one
      // of those is compared before the whole text is.
      if ((c === COMMA || c === RBRACE) && s.charCodeAt(e - 2) === t.charCodeAt(t.length - 2) && s.slice(p, e) === t) {
        const writes = this.writes as readonly number[]
        const values = this.values[m]
        for (let k = 0; k < writes.length; k++) raw[writes[k]] = values[k]
        this.judge(true)
        return e
      }
    }
    this.judge(false)
    return FAIL
  }

  /** Remembers the member `s[p, end)` just read, with the values it set. */
  remember(s: string, p: number, end: number, raw: readonly unknown[]): void {
    const writes = this.writes
    if (!this.remembering || writes === undefined) return
    const text = detached(s.slice(p, end))
    const values = writes.map((w) => raw[w])
    if (this.members.length < MEMBERS_PER_KEY) {
      this.members.push(text)
      this.values.push(values)
    } else {
      this.members[this.hand] = text
      this.values[this.hand] = values
      this.hand = (this.hand + 1) % MEMBERS_PER_KEY
    }
  }

  private judge(hit: boolean): void {
    if (hit) this.hits++
    if (++this.looks < JUDGE_EVERY) return
    if (this.hits < MIN_HITS) {
      this.remembering = false
      this.paused = PAUSE
      this.members.length = 0
      this.values.length = 0
    }
    this.looks = 0
    this.hits = 0
  }
}

/** A key the scanner leaves to the full parse (one that makes the line another kind of record). */
const REFUSE = null

type Entry = readonly [name: string, id: number, shape: Shape, flowKey: boolean] | readonly [name: string, refuse: typeof REFUSE]

/** Distinct unknown keys kept per kind of object (`KeyTable.get`). */
const MAX_UNKNOWN_KEYS = 256

/** The keys of one kind of object, with what was learnt of their order and members. */
class KeyTable {
  private readonly keys = new Map<string, Key | typeof REFUSE>()
  private unknown = 0
  /** The first key last time. */
  first: Key | undefined

  constructor(entries: readonly Entry[]) {
    for (const e of entries) this.keys.set(e[0], e.length === 2 ? REFUSE : new Key(e[0], e[1], e[2], e[3]))
  }

  get(name: string): Key | typeof REFUSE {
    const k = this.keys.get(name)
    if (k !== undefined) return k
    // Members nothing reads (`ethernet`, `interface`…) get a key too, so that their place in the
    // order and their repeats are learnt; a file of ever new keys only clears them now and then.
    if (this.unknown >= MAX_UNKNOWN_KEYS) {
      for (const [n, e] of this.keys) if (e !== REFUSE && e.shape === 'unknown') this.keys.delete(n)
      this.unknown = 0
      this.first = undefined
    }
    const own = detached(name)
    const u = new Key(own, -1, 'unknown', false)
    this.keys.set(own, u)
    this.unknown++
    return u
  }
}

/**
 * Both spellings of a field fill its slot: alone, either is what `field()` reads; together they
 * are a duplicate, which the scanner refuses, so `field()`'s precedence never has to be copied.
 * `flowLevel`: the keys are a flow's own, so FLOW_KEYS among them mark a bare object as a flow.
 */
function entries(spellings: readonly Spelling[], flowLevel: boolean): Entry[] {
  const out: Entry[] = []
  for (const [slot, snake, camel, shape] of spellings) {
    for (const name of camel === undefined ? [snake] : [snake, camel]) out.push([name, slot, shape, flowLevel && FLOW_KEYS.includes(name)])
  }
  return out
}

const nested = (id: number, shape: Shape, names: readonly [string, string]): Entry[] =>
  names.map((name): Entry => [name, id, shape, FLOW_KEYS.includes(name)])

const FLOW_ENTRIES: readonly Entry[] = [...entries(FLOW_FIELDS, true), ...nested(K_IP, 'ip', IP_KEY),
  ...nested(K_EVENT_TYPE, 'eventType', EVENT_TYPE_KEY)]
/** A bare flow is the line itself: a `flow` key or a non-flow event's key makes it another record. */
const BARE_ENTRIES: readonly Entry[] = [...FLOW_ENTRIES, ['flow', REFUSE], ...NON_FLOW_KEYS.map((k): Entry => [k, REFUSE])]
const WRAPPER_ENTRIES: readonly Entry[] = [['flow', K_FLOW, 'flow', false], ['time', W_TIME, 'string', false],
  ['node_name', W_NODE, 'string', false], ['nodeName', W_NODE, 'string', false]]
/** A `TCP`/`UDP`/`SCTP` section of `l4`, as `normalizeL4` reads it. */
const PORT_ENTRIES: readonly Entry[] = [['source_port', P_SOURCE_PORT, 'number', false], ['sourcePort', P_SOURCE_PORT, 'number', false],
  ['destination_port', P_DESTINATION_PORT, 'number', false], ['destinationPort', P_DESTINATION_PORT, 'number', false],
  ['flags', P_FLAGS, 'flags', false]]
const PORT_SECTIONS: readonly (readonly [string, PortProtocol])[] = [['{"TCP":', 'TCP'], ['{"UDP":', 'UDP'], ['{"SCTP":', 'SCTP']]

export class LineScanner {
  /** The slots (fields.ts) of the last line scanned, then the scanner's own (`W_*`, `P_*`). */
  readonly raw: unknown[] = new Array<unknown>(RAW_SLOTS).fill(undefined)
  /** The endpoint texts of the last line, when its `source`/`destination` were objects. */
  sourceText: EndpointText | undefined
  destinationText: EndpointText | undefined
  /** The last line's `l4`, when read in place; null when it is left in `raw` for `normalizeL4`. */
  l4: FlowL4 | undefined | null = null

  private s = ''
  /** The first backslash at or after `backslashFrom` (-1: none): escapes are rare. */
  private backslash = -1
  private backslashFrom = 0
  private sawFlowKey = false
  private readonly seen = new Uint8Array(KEY_IDS)
  private readonly wrapperKeys = new KeyTable(WRAPPER_ENTRIES)
  private readonly flowKeys = new KeyTable(FLOW_ENTRIES)
  private readonly bareKeys = new KeyTable(BARE_ENTRIES)
  private readonly ipKeys = new KeyTable(entries(IP_FIELDS, false))
  private readonly eventTypeKeys = new KeyTable(entries(EVENT_TYPE_FIELDS, false))
  private readonly portKeys = new KeyTable(PORT_ENTRIES)

  constructor(private readonly endpoints: EndpointInterner) {}

  get wrapperTime(): unknown {
    return this.raw[W_TIME]
  }

  get wrapperNode(): unknown {
    return this.raw[W_NODE]
  }

  /** Reads `line` (a whole line); false when it must be parsed instead. */
  scan(line: string): boolean {
    this.raw.fill(undefined)
    this.seen.fill(0)
    this.sourceText = undefined
    this.destinationText = undefined
    this.l4 = null
    this.s = line
    this.backslash = line.indexOf('\\')
    this.backslashFrom = 0
    if (line.charCodeAt(0) !== LBRACE) return false
    let end: number
    if (line.slice(1, 8) === '"flow":') end = this.object(0, this.wrapperKeys)
    else {
      this.sawFlowKey = false
      end = this.object(0, this.bareKeys)
      if (!this.sawFlowKey) return false
    }
    if (end < 0) return false
    for (let i = end; i < line.length; i++) {
      const c = line.charCodeAt(i)
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false
    }
    return true
  }

  /** The object at `i` (its `{`), its members read by `keys`; the index past its `}`, or FAIL. */
  private object(i: number, keys: KeyTable): number {
    const s = this.s
    let p = i + 1
    if (s.charCodeAt(p) === RBRACE) return p + 1
    let previous: Key | undefined
    for (;;) {
      // The key expected here is the one that followed the previous key last time.
      let key = previous === undefined ? keys.first : previous.next
      let end = FAIL
      let v = FAIL
      if (key !== undefined) {
        if (!(key.id >= 0 && this.seen[key.id] === 1)) {
          end = key.repeat(s, p, this.raw)
          if (end >= 0) this.saw(key)
        }
        // `"name":` in the line is that key: a key without escapes ends at its first quote.
        if (end < 0) {
          if (s.slice(p, p + key.quoted.length) === key.quoted) v = p + key.quoted.length
          else key = undefined
        }
      }
      if (end < 0) {
        if (key === undefined) {
          if (s.charCodeAt(p) !== QUOTE) return FAIL
          const q = s.indexOf('"', p + 1)
          if (q < 0 || s.charCodeAt(q + 1) !== COLON || this.backslashIn(p + 1, q)) return FAIL
          const found = keys.get(s.slice(p + 1, q))
          if (found === REFUSE || (found.shape === 'unknown' && !plain(s, p + 1, q))) return FAIL
          if (previous === undefined) keys.first = found
          else previous.next = found
          key = found
          v = q + 2
        }
        if (key.id >= 0 && this.seen[key.id] === 1) return FAIL
        this.saw(key)
        end = this.value(v, key)
        if (end < 0) return FAIL
        key.remember(s, p, end, this.raw)
      }
      const c = s.charCodeAt(end)
      if (c === COMMA) p = end + 1
      else if (c === RBRACE) return end + 1
      else return FAIL
      previous = key
    }
  }

  private saw(key: Key): void {
    if (key.id >= 0) this.seen[key.id] = 1
    if (key.flowKey) this.sawFlowKey = true
  }

  private value(v: number, key: Key): number {
    const id = key.id
    const opens = this.s.charCodeAt(v) === LBRACE
    switch (key.shape) {
      case 'string': return this.string(v, id)
      case 'number': return this.number(v, id)
      case 'boolean': return this.literal(v, id)
      case 'endpoint': return opens ? this.endpoint(v, id) : this.json(v, id)
      case 'l4': return opens ? this.portSection(v) : this.json(v, S_L4)
      // A non-object `IP` or `event_type` sets none of its slots, as `obj()` gives undefined.
      case 'ip': return opens ? this.object(v, this.ipKeys) : this.json(v, FAIL)
      case 'eventType': return opens ? this.object(v, this.eventTypeKeys) : this.json(v, FAIL)
      case 'flow': return opens ? this.object(v, this.flowKeys) : FAIL
      case 'flags': {
        const end = this.json(v, id)
        // What `normalizeL4` makes of it: the set flags of an object, nothing of anything else.
        const flags = asObj(this.raw[id])
        this.raw[id] = flags === undefined ? undefined : flagList(flags)
        return end
      }
      case 'json': return this.json(v, id)
      case 'unknown': return this.json(v, FAIL)
    }
  }

  private string(v: number, slot: number): number {
    const s = this.s
    if (s.charCodeAt(v) !== QUOTE) return this.json(v, slot)
    const q = stringEnd(s, v)
    if (q < 0) return FAIL
    if (this.backslashIn(v + 1, q)) return this.json(v, slot)
    if (!plain(s, v + 1, q)) return FAIL
    // The times are parsed, never kept; other strings may end up in a flow.
    this.raw[slot] = slot === S_TIME || slot === W_TIME || q - v - 1 < MIN_VIEW ? s.slice(v + 1, q) : detached(s.slice(v + 1, q))
    return q + 1
  }

  private number(v: number, slot: number): number {
    const s = this.s
    const c = s.charCodeAt(v)
    if (c >= 48 && c <= 57) {
      let n = c - 48
      let j = v + 1
      let d = s.charCodeAt(j) - 48
      if (c === 48 && d >= 0 && d <= 9) return FAIL // a leading zero is not JSON
      while (d >= 0 && d <= 9) {
        n = n * 10 + d
        d = s.charCodeAt(++j) - 48
      }
      const next = s.charCodeAt(j)
      // Fractions, exponents and more digits than a double holds exactly go through JSON.parse.
      if (next !== 46 && next !== 101 && next !== 69 && j - v <= 15) {
        this.raw[slot] = n
        return j
      }
    }
    return this.json(v, slot)
  }

  private literal(v: number, slot: number): number {
    const s = this.s
    if (s.slice(v, v + 4) === 'true') {
      this.raw[slot] = true
      return v + 4
    }
    if (s.slice(v, v + 5) === 'false') {
      this.raw[slot] = false
      return v + 5
    }
    return this.json(v, slot)
  }

  private endpoint(v: number, slot: number): number {
    const t = this.endpoints.textAt(this.s, v)
    if (t === undefined) return FAIL
    if (slot === S_DESTINATION) this.destinationText = t
    else this.sourceText = t
    return this.endpoints.textEnd
  }

  /**
   * `l4` holding one `TCP`/`UDP`/`SCTP` section, read in place; any other `l4` (ICMP, several
   * sections, camelCase protocol names…) is left whole to `normalizeL4`.
   */
  private portSection(v: number): number {
    const s = this.s
    for (const [opening, protocol] of PORT_SECTIONS) {
      if (s.slice(v, v + opening.length) !== opening || s.charCodeAt(v + opening.length) !== LBRACE) continue
      const end = this.object(v + opening.length, this.portKeys)
      if (end < 0) return FAIL
      // A second section (`{"TCP":{…},"UDP":{…}}`) is for normalizeL4's order of precedence.
      if (s.charCodeAt(end) !== RBRACE) return this.json(v, S_L4)
      const raw = this.raw
      this.l4 = portL4(protocol, asNum(raw[P_SOURCE_PORT]), asNum(raw[P_DESTINATION_PORT]),
        protocol === 'TCP' ? raw[P_FLAGS] as readonly string[] | undefined : undefined)
      return end + 1
    }
    return this.json(v, S_L4)
  }

  /** Any JSON value at `v`, parsed whole into `slot` (or only checked, for FAIL); the index past it. */
  private json(v: number, slot: number): number {
    const end = valueEnd(this.s, v)
    if (end < 0) return FAIL
    let value: unknown
    try {
      value = JSON.parse(this.s.slice(v, end))
    } catch {
      return FAIL
    }
    if (slot !== FAIL) this.raw[slot] = value
    return end
  }

  /** Whether `s[from, to)` holds a backslash; `backslash` is the first one at or after `backslashFrom`. */
  private backslashIn(from: number, to: number): boolean {
    if (from < this.backslashFrom || (this.backslash >= 0 && this.backslash < from)) {
      this.backslashFrom = from
      this.backslash = this.s.indexOf('\\', from)
    }
    return this.backslash >= 0 && this.backslash < to
  }
}

/** Where the JSON value at `v` ends (its extent only); FAIL when it does not close. */
function valueEnd(s: string, v: number): number {
  const c = s.charCodeAt(v)
  if (c === LBRACE || c === LBRACKET) return objectEnd(s, v)
  if (c === QUOTE) {
    const q = stringEnd(s, v)
    return q < 0 ? FAIL : q + 1
  }
  let j = v
  while (j < s.length) {
    const d = s.charCodeAt(j)
    if (d === COMMA || d === RBRACE || d === 93) break
    j++
  }
  return j
}

/** Whether `s[from, to)` has no control character (which JSON strings cannot hold raw). */
function plain(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) < 32) return false
  return true
}
