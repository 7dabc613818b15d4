/**
 * Test helpers for table-driven probes: YAML → parsePolicies → engine, endpoints written as
 * short strings, and one `it` per probe asserting the verdict and the deciding reason.
 */
import { expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import type {
  EndpointRef,
  EvalRequest,
  EvalResult,
  FlowProtocol,
  KafkaRequest,
  L4Protocol,
  NamedPort,
  Reason,
  ReasonEffect,
  Settings,
  Verdict,
} from './api.ts'
import { hostRef, podRef, refFromEntity, refFromIp, refFromLabelStrings } from './identity.ts'
import { compilePolicySet } from './index.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import { evaluate } from './evaluate.ts'
import { EvaluationSession } from './session.ts'

const refCache = new Map<string, EndpointRef>()

/**
 * Endpoint shorthand:
 * - `shop/app=api,tier=x` a pod (namespace `shop`); `shop[team=a]/app=api` adds namespace labels;
 *   `…#http=8080/TCP;dns=53/UDP` adds named ports; `…@c2` sets the cluster; `…!audit` audit mode;
 * - `world`, `host`, `health`, `init`, `remote-node`, `kube-apiserver`, … an entity identity;
 * - `1.2.3.4`, `2001:db8::1` an address outside the cluster (world + cidr);
 * - `labels:k8s:a=b,reserved:x` raw labels (endpoint guessed), `node:1.2.3.9` a remote node by IP.
 */
export function ep(spec: string): EndpointRef {
  const hit = refCache.get(spec)
  if (hit) return hit
  const ref = parseEp(spec)
  refCache.set(spec, ref)
  return ref
}

function kv(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of s.split(',').filter(Boolean)) {
    const eq = part.indexOf('=')
    out[eq < 0 ? part : part.slice(0, eq)] = eq < 0 ? '' : part.slice(eq + 1)
  }
  return out
}

function parseEp(spec: string): EndpointRef {
  let s = spec
  const audit = s.endsWith('!audit')
  if (audit) s = s.slice(0, -'!audit'.length)
  const opts = audit ? { auditMode: true } : {}
  if (s.startsWith('labels:')) return refFromLabelStrings(s.slice(7).split(','), opts)
  if (s.startsWith('node:'))
    return refFromLabelStrings(['reserved:remote-node'], { ...opts, ip: s.slice(5), isEndpoint: false })
  if (s === 'host') return hostRef(opts)
  const ent = refFromEntity(s, opts)
  if (ent) return ent
  if (/^[0-9.]+$/.test(s) || s.includes(':')) return refFromIp(s, opts)
  let named: Record<string, NamedPort> | undefined
  const hash = s.indexOf('#')
  if (hash >= 0) {
    named = {}
    for (const p of s.slice(hash + 1).split(';')) {
      const [name, rest] = p.split('=')
      const [port, proto] = rest.split('/')
      named[name] = { port: Number(port), protocol: proto as L4Protocol }
    }
    s = s.slice(0, hash)
  }
  let cluster: string | undefined
  const at = s.indexOf('@')
  if (at >= 0) {
    cluster = s.slice(at + 1)
    s = s.slice(0, at)
  }
  const slash = s.indexOf('/')
  const nsPart = slash < 0 ? s : s.slice(0, slash)
  const labels = slash < 0 ? {} : kv(s.slice(slash + 1))
  const m = /^([^[]+)(?:\[(.*)\])?$/.exec(nsPart)
  if (!m) throw new Error(`bad endpoint ${spec}`)
  return podRef({
    namespace: m[1],
    labels,
    ...(m[2] !== undefined && { namespaceLabels: kv(m[2]) }),
    ...(cluster !== undefined && { cluster }),
    ...(named && { namedPorts: named }),
    ...opts,
    name: spec,
  })
}

const setCache = new Map<string, CompiledPolicySet>()

/** Parses YAML (failing on parse errors) and compiles it with the settings. */
export function compileYaml(yaml: string, settings: Partial<Settings> = {}): CompiledPolicySet {
  const key = `${JSON.stringify(settings)}\n${yaml}`
  const hit = setCache.get(key)
  if (hit) return hit
  const parsed = parsePolicies(yaml)
  const errs = parsed.diagnostics.filter((d) => d.severity === 'error')
  if (errs.length > 0) throw new Error(`parse errors: ${errs.map((e) => `${e.code} ${e.message}`).join('; ')}`)
  const set = compilePolicySet(parsed.policies, parsed.cidrGroups, settings)
  setCache.set(key, set)
  return set
}

export interface Probe {
  /** Names the section it checks, e.g. `§2.5 toPorts without peers admits world`. */
  readonly name: string
  readonly from: string
  readonly to: string
  readonly proto?: FlowProtocol
  readonly port?: number
  readonly icmp?: number
  readonly reply?: boolean
  /** `GET /path` */
  readonly http?: string
  readonly host?: string
  readonly headers?: Record<string, string>
  readonly dns?: string
  readonly kafka?: KafkaRequest
  /** The TLS SNI the connection carries (§6.6). */
  readonly sni?: string
  readonly expect: Verdict
  /**
   * The deciding reason: [where, effect, policy?, path?]. `where` is the side whose first reason
   * decided, or `l7`.
   */
  readonly by: readonly ['egress' | 'ingress' | 'l7', ReasonEffect, string?, string?]
  /** Side verdicts to check as well. */
  readonly egress?: string
  readonly ingress?: string
}

export function requestOf(p: Probe): EvalRequest {
  const isIcmp = p.proto === 'ICMPv4' || p.proto === 'ICMPv6'
  let l7: EvalRequest['l7']
  if (p.http) {
    const sp = p.http.indexOf(' ')
    l7 = {
      http: {
        method: p.http.slice(0, sp),
        path: p.http.slice(sp + 1),
        ...(p.host !== undefined && { host: p.host }),
        ...(p.headers && { headers: p.headers }),
      },
    }
  } else if (p.dns !== undefined) l7 = { dns: { query: p.dns } }
  else if (p.kafka) l7 = { kafka: p.kafka }
  if (p.sni !== undefined) l7 = { ...l7, tls: { sni: p.sni } }
  return {
    source: ep(p.from),
    destination: ep(p.to),
    protocol: p.proto ?? 'TCP',
    ...(isIcmp ? { icmpType: p.icmp } : { port: p.port ?? 80 }),
    ...(p.reply && { isReply: true }),
    ...(l7 && { l7 }),
  }
}

function show(r: EvalResult): string {
  const rs = (x: readonly Reason[]): string => x.map((y) => `${y.effect}:${y.policy}:${y.path}`).join(' ')
  return `${r.verdict} egress=${r.egress.verdict}[${rs(r.egress.reasons)}] ingress=${r.ingress.verdict}[${rs(r.ingress.reasons)}]${r.l7 ? ` l7=${r.l7.verdict}[${rs(r.l7.reasons)}]` : ''}`
}

export function assertProbe(r: EvalResult, p: Probe): void {
  const where = p.by[0]
  const reasons = where === 'l7' ? (r.l7?.reasons ?? []) : r[where].reasons
  const first = reasons[0]
  const got = {
    verdict: r.verdict,
    effect: first?.effect,
    ...(p.by[2] !== undefined && { policy: first?.policy }),
    ...(p.by[3] !== undefined && { path: first?.path }),
    ...(p.egress !== undefined && { egress: r.egress.verdict }),
    ...(p.ingress !== undefined && { ingress: r.ingress.verdict }),
  }
  const want = {
    verdict: p.expect,
    effect: p.by[1],
    ...(p.by[2] !== undefined && { policy: p.by[2] }),
    ...(p.by[3] !== undefined && { path: p.by[3] }),
    ...(p.egress !== undefined && { egress: p.egress }),
    ...(p.ingress !== undefined && { ingress: p.ingress }),
  }
  expect(got, show(r)).toEqual(want)
}

export interface Suite {
  readonly yaml: string
  readonly settings?: Partial<Settings>
  readonly probes: readonly Probe[]
}

/** One `it` per probe; the set is compiled once per suite. */
export function runSuite(suite: Suite): void {
  for (const p of suite.probes) {
    it(p.name, () => {
      const set = compileYaml(suite.yaml, suite.settings)
      assertProbe(evaluate(set, requestOf(p)), p)
    })
  }
}

/** Runs probes in order through one session (for toFQDNs learning). */
export function sessionFor(yaml: string, settings: Partial<Settings> = {}): EvaluationSession {
  return new EvaluationSession(compileYaml(yaml, settings))
}

/** YAML builders for brevity. */
export const cnp = (ns: string, name: string, spec: string): string =>
  `---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${indent(spec)}\n`
export const ccnp = (name: string, spec: string): string =>
  `---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${indent(spec)}\n`
export const knp = (ns: string, name: string, spec: string): string =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${indent(spec)}\n`

function indent(s: string): string {
  const lines = s.replace(/^\n+|\s+$/g, '').split('\n')
  const min = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length))
  return lines.map((l) => `  ${l.slice(min)}`).join('\n')
}
