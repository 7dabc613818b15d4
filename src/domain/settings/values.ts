/**
 * Reading one setting's value the way the agent reads its flags: booleans as Go's ParseBool,
 * durations as Go's time.ParseDuration (`2m`, `1h30m`, `500ms`; a bare number is seconds for
 * the TTL, which is an int flag), versions as `v1.17.3` → `1.17`.
 */
import type { AgentSettingKey, AgentSettings } from './model.ts'
import { settingField } from './model.ts'
import { parseVersion } from '../engine/version-clauses.ts'

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True'])
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False'])

const UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }

/** Go duration → seconds; null when unreadable. */
export function parseGoDuration(text: string): number | null {
  const t = text.trim()
  if (t === '0') return 0
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(t)) return null
  let total = 0
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNITS[m[2]]
  return total
}

export type ValueResult<K extends AgentSettingKey> = { ok: true; value: AgentSettings[K]; note?: string } | { ok: false; message: string }

type Raw = string | number | boolean | readonly unknown[]

function asText(raw: Raw): string {
  return Array.isArray(raw) ? raw.map(String).join(' ') : String(raw)
}

function bool(raw: Raw): boolean | null {
  if (typeof raw === 'boolean') return raw
  const t = asText(raw).trim()
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null
}

/** Converts a raw value (a config-map string, or a typed Helm value) into a setting. */
export function convertValue<K extends AgentSettingKey>(field: K, raw: Raw): ValueResult<K> {
  const f = settingField(field)
  const text = asText(raw).trim()
  const ok = (value: unknown, note?: string): ValueResult<K> => ({ ok: true, value: value as AgentSettings[K], ...(note && { note }) })
  const bad = (what: string): ValueResult<K> => ({ ok: false, message: `${JSON.stringify(text)} is not ${what}` })
  switch (field) {
    case 'allowLocalhost':
      // auto becomes always on Kubernetes (daemon/cmd/daemon.go, §3.4).
      if (text === 'auto') return ok('always', 'auto means always on Kubernetes')
      return text === 'always' || text === 'policy' ? ok(text) : bad('auto, always or policy')
    case 'cidrMatchNodes': {
      const modes = text.split(/[\s,]+/).filter(Boolean)
      if (modes.some((m) => m !== 'nodes')) return bad('empty or nodes')
      return ok(modes.includes('nodes'))
    }
    case 'ciliumVersion': {
      const v = parseVersion(text)
      return v ? ok(`${v[0]}.${v[1]}`) : bad('a Cilium version such as 1.17 or v1.17.3')
    }
    default:
      break
  }
  switch (f.kind) {
    case 'bool': {
      const b = bool(raw)
      return b === null ? bad('true or false') : ok(b)
    }
    case 'choice':
      return f.choices!.includes(text) ? ok(text) : bad(f.choices!.join(', '))
    case 'count': {
      if (typeof raw === 'number' ? Number.isInteger(raw) && raw >= 0 : /^\d+$/.test(text)) return ok(Number(text))
      return bad('a whole number ≥ 0')
    }
    case 'seconds': {
      // tofqdns-min-ttl is an int flag (seconds); the grace period a Go duration (no bare numbers but 0).
      if (field === 'tofqdnsMinTtl') {
        if (typeof raw === 'number' ? Number.isInteger(raw) && raw >= 0 : /^\d+$/.test(text)) return ok(Number(text))
        return bad('a whole number of seconds ≥ 0')
      }
      const d = typeof raw === 'number' && raw === 0 ? 0 : parseGoDuration(text)
      return d === null ? bad('a duration such as 30s or 2m') : ok(d)
    }
    case 'text':
      return text === '' ? bad('a name') : ok(text)
    case 'version':
      return bad('a version')
  }
}
