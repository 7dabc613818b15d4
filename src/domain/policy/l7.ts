/** `toPorts[].rules` → L7Rules (§7): one L7 type per entry, Kafka role XOR apiKey. */
import type { Ctx } from './context.ts'
import { asMap, asSeq, asString, checkFields, field, fieldSet, stringList } from './fields.ts'
import type { DnsRule, HttpRule, KafkaRule, L7Rules, YamlPath } from './model.ts'
import { KAFKA_API_KEY_NAMES } from './kafka-api-keys.ts'
import { nameOrPattern } from './peers.ts'
import type { YNode } from './tree.ts'
import { describe } from './tree.ts'

const L7_FIELDS = fieldSet('http', 'kafka', 'dns', 'l7proto', 'l7')
const HTTP_FIELDS = fieldSet('method', 'path', 'host', 'headers', 'headerMatches')
const HEADER_MATCH_FIELDS = fieldSet('name', 'value', 'secret', 'mismatch')
const KAFKA_FIELDS = fieldSet('role', 'apiKey', 'apiVersion', 'clientID', 'topic')
const KAFKA_ROLES: ReadonlySet<string> = new Set(['produce', 'consume'])
const MISMATCH: ReadonlySet<string> = new Set(['LOG', 'ADD', 'DELETE', 'REPLACE'])
const TOPIC_RE = /^[a-zA-Z0-9._-]+$/
const API_KEY_NAMES: ReadonlySet<string> = new Set(KAFKA_API_KEY_NAMES)

/** Parses a `rules:` object; undefined when absent or invalid (errors reported). */
export function parseL7(node: YNode | undefined, ctx: Ctx, p: YamlPath): L7Rules | undefined {
  const map = asMap(node, ctx, p, 'rules')
  if (!map) return undefined
  checkFields(map, L7_FIELDS, ctx, p, 'rules')
  const kinds = ['http', 'kafka', 'dns'].filter((k) => map.entries.has(k))
  if (map.entries.has('l7proto') || map.entries.has('l7')) kinds.push('l7proto')
  if (kinds.length > 1) {
    ctx.error('multiple-l7', `one toPorts entry may carry only one L7 type (found ${kinds.join(' and ')}); split it into separate toPorts entries`, map, p)
    return undefined
  }
  const origin = ctx.origin(map, p)
  switch (kinds[0]) {
    case 'http': {
      const rules: HttpRule[] = []
      asSeq(field(map, 'http'), ctx, [...p, 'http'], 'http')?.items.forEach((item, i) => {
        const r = httpRule(item, ctx, [...p, 'http', i])
        if (r) rules.push(r)
      })
      return { kind: 'http', rules, origin }
    }
    case 'kafka': {
      const rules: KafkaRule[] = []
      asSeq(field(map, 'kafka'), ctx, [...p, 'kafka'], 'kafka')?.items.forEach((item, i) => {
        const r = kafkaRule(item, ctx, [...p, 'kafka', i])
        if (r) rules.push(r)
      })
      return { kind: 'kafka', rules, origin }
    }
    case 'dns': {
      const rules: DnsRule[] = []
      asSeq(field(map, 'dns'), ctx, [...p, 'dns'], 'dns')?.items.forEach((item, i) => {
        const m = nameOrPattern(item, ctx, [...p, 'dns', i], 'a DNS rule')
        if (m) rules.push({ ...m, origin: ctx.origin(item, [...p, 'dns', i]) })
      })
      return { kind: 'dns', rules, origin }
    }
    case 'l7proto':
      return generic(map.entries.get('l7proto')?.value, field(map, 'l7'), ctx, p, origin)
  }
  return undefined
}

function httpRule(node: YNode, ctx: Ctx, p: YamlPath): HttpRule | undefined {
  const map = asMap(node, ctx, p, 'an HTTP rule')
  if (!map) return undefined
  checkFields(map, HTTP_FIELDS, ctx, p, 'an HTTP rule')
  const method = asString(field(map, 'method'), ctx, [...p, 'method'], 'method')
  const path = asString(field(map, 'path'), ctx, [...p, 'path'], 'path')
  const host = asString(field(map, 'host'), ctx, [...p, 'host'], 'host')
  const headers = stringList(field(map, 'headers'), ctx, [...p, 'headers'], 'headers').map((h) => h.value)
  const headerMatches: { name: string; value?: string; secret?: unknown; mismatch?: string }[] = []
  asSeq(field(map, 'headerMatches'), ctx, [...p, 'headerMatches'], 'headerMatches')?.items.forEach((item, i) => {
    const hp = [...p, 'headerMatches', i]
    const hm = asMap(item, ctx, hp, 'a headerMatches entry')
    if (!hm) return
    checkFields(hm, HEADER_MATCH_FIELDS, ctx, hp, 'a headerMatches entry')
    const name = asString(field(hm, 'name'), ctx, [...hp, 'name'], 'name')
    const value = asString(field(hm, 'value'), ctx, [...hp, 'value'], 'value')
    const mismatch = asString(field(hm, 'mismatch'), ctx, [...hp, 'mismatch'], 'mismatch')
    const secretNode = field(hm, 'secret')
    if (name === undefined) {
      ctx.error('header-match', 'a headerMatches entry needs a name', item, hp)
      return
    }
    if (mismatch !== undefined && !MISMATCH.has(mismatch)) {
      ctx.error('header-match', `mismatch must be one of LOG, ADD, DELETE, REPLACE (got ${mismatch})`, field(hm, 'mismatch') as YNode, [...hp, 'mismatch'])
      return
    }
    headerMatches.push({
      name,
      ...(value !== undefined && { value }),
      ...(secretNode !== undefined && { secret: plain(secretNode) }),
      ...(mismatch !== undefined && { mismatch }),
    })
  })
  return {
    ...(method !== undefined && { method }),
    ...(path !== undefined && { path }),
    ...(host !== undefined && { host }),
    ...(headers.length > 0 && { headers }),
    ...(headerMatches.length > 0 && { headerMatches }),
    origin: ctx.origin(node, p),
  }
}

function kafkaRule(node: YNode, ctx: Ctx, p: YamlPath): KafkaRule | undefined {
  const map = asMap(node, ctx, p, 'a Kafka rule')
  if (!map) return undefined
  checkFields(map, KAFKA_FIELDS, ctx, p, 'a Kafka rule')
  const before = ctx.errors
  const role = asString(field(map, 'role'), ctx, [...p, 'role'], 'role')
  const apiKey = asString(field(map, 'apiKey'), ctx, [...p, 'apiKey'], 'apiKey')
  const apiVersion = scalarText(field(map, 'apiVersion'), ctx, [...p, 'apiVersion'], 'apiVersion')
  const clientID = asString(field(map, 'clientID'), ctx, [...p, 'clientID'], 'clientID')
  const topic = asString(field(map, 'topic'), ctx, [...p, 'topic'], 'topic')
  if (ctx.errors > before) return undefined
  // §7.3: role and apiKey are mutually exclusive.
  if (role !== undefined && apiKey !== undefined) {
    ctx.error('kafka-role-and-apikey', 'a Kafka rule may set role or apiKey, not both', map, p)
    return undefined
  }
  if (role !== undefined && !KAFKA_ROLES.has(role.toLowerCase())) {
    ctx.error('kafka-role', `Kafka role must be produce or consume (got ${role})`, field(map, 'role') as YNode, [...p, 'role'])
    return undefined
  }
  // §7.3 (PortRule.Sanitize): apiKey is a name from Cilium's key map; apiVersion an int16 ≥ 0.
  if (apiKey !== undefined && apiKey !== '' && !API_KEY_NAMES.has(apiKey.toLowerCase())) {
    ctx.error('kafka-apikey', `"${apiKey}" is not a Kafka API key name Cilium knows (e.g. produce, fetch, metadata, apiversions)`, field(map, 'apiKey') as YNode, [...p, 'apiKey'])
    return undefined
  }
  if (apiVersion !== undefined && apiVersion !== '' && !(/^\d+$/.test(apiVersion) && Number(apiVersion) <= 32767)) {
    ctx.error('kafka-apiversion', `Kafka apiVersion must be an integer 0–32767 (got ${apiVersion})`, field(map, 'apiVersion') as YNode, [...p, 'apiVersion'])
    return undefined
  }
  if (topic !== undefined && (topic.length > 255 || !TOPIC_RE.test(topic))) {
    ctx.error('kafka-topic', `"${topic}" is not a valid Kafka topic name`, field(map, 'topic') as YNode, [...p, 'topic'])
    return undefined
  }
  return {
    ...(role !== undefined && { role }),
    ...(apiKey !== undefined && { apiKey }),
    ...(apiVersion !== undefined && { apiVersion }),
    ...(clientID !== undefined && { clientID }),
    ...(topic !== undefined && { topic }),
    origin: ctx.origin(node, p),
  }
}

function generic(protoNode: YNode | undefined, rulesNode: YNode | undefined, ctx: Ctx, p: YamlPath, origin: L7Rules['origin']): L7Rules | undefined {
  const l7proto = asString(protoNode, ctx, [...p, 'l7proto'], 'l7proto')
  if (l7proto === undefined || l7proto === '') {
    ctx.error('l7proto', 'generic L7 rules (l7) need l7proto to name the parser', rulesNode ?? origin.range, [...p, 'l7proto'])
    return undefined
  }
  const rules: Record<string, string>[] = []
  asSeq(rulesNode, ctx, [...p, 'l7'], 'l7')?.items.forEach((item, i) => {
    const m = asMap(item, ctx, [...p, 'l7', i], 'an l7 rule')
    if (!m) return
    const r: Record<string, string> = Object.create(null) as Record<string, string>
    for (const e of m.entries.values()) {
      if (e.value.t === 'scalar' && typeof e.value.value === 'string') r[e.key] = e.value.value
      else ctx.error('wrong-type', `l7 rule value "${e.key}" must be a string (got ${describe(e.value)})`, e.value, [...p, 'l7', i, e.key])
    }
    rules.push(r)
  })
  return { kind: 'generic', l7proto, rules, origin }
}

/** Kafka apiVersion is a string in the API but people write numbers; accept both. */
function scalarText(node: YNode | undefined, ctx: Ctx, p: YamlPath, what: string): string | undefined {
  if (node === undefined) return undefined
  if (node.t === 'scalar' && typeof node.value === 'number') return String(node.value)
  return asString(node, ctx, p, what)
}

/** A YNode as plain data (for opaque values such as header secrets); prototype-free objects. */
export function plain(node: YNode): unknown {
  if (node.t === 'scalar') return node.value
  if (node.t === 'seq') return node.items.map(plain)
  const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const e of node.entries.values()) o[e.key] = plain(e.value)
  return o
}
