import { describe, expect, it } from 'vitest'
import { LINT_CODES } from './codes.ts'
import * as F from './fixtures.ts'
import type { LintOptions } from './test-util.ts'
import { applyFix, codes, docs, lint, pod } from './test-util.ts'

interface Case {
  readonly name: string
  readonly text: string
  readonly options?: LintOptions
  /** Codes that must be reported (with severity when given). */
  readonly expect?: readonly (readonly [string, string?])[]
  /** Codes that must not be reported. */
  readonly not?: readonly string[]
  /** A word the first expected finding's message must contain. */
  readonly says?: string
}

const shopPods = [pod('shop', { app: 'frontend' }), pod('shop', { app: 'backend' }), pod('shop', { app: 'web' })]

const CASES: readonly Case[] = [
  { name: 'toFQDNs with no DNS rule is an error', text: F.FQDN_NO_DNS, expect: [['fqdn-without-dns-proxy', 'error']], says: 'api.stripe.com' },
  { name: 'toFQDNs with a DNS proxy rule for the pods is fine', text: F.FQDN_WITH_DNS, not: ['fqdn-without-dns-proxy'] },
  { name: 'toFQDNs whose name the DNS rules refuse is a warning', text: F.FQDN_DNS_REFUSES, expect: [['fqdn-without-dns-proxy', 'warning']], says: 'REFUSED' },
  { name: 'a namespace-wide DNS policy covers the toFQDNs pods', text: F.FQDN_DNS_ELSEWHERE, not: ['fqdn-without-dns-proxy'] },
  { name: 'a deny-only policy turns on default deny', text: F.DENY_ONLY, expect: [['deny-only-enables-default-deny', 'warning']], says: 'egress' },
  { name: 'deny-only with enableDefaultDeny false is fine', text: F.DENY_ONLY_DEFAULT_ALLOW, not: ['deny-only-enables-default-deny'] },
  { name: 'deny next to an allow in the same direction is fine', text: F.DENY_WITH_ALLOW, not: ['deny-only-enables-default-deny'] },
  { name: 'a typo selects nothing once pods are known', text: F.BACKEND_FROM_FRONTEND_TYPO, options: { endpoints: shopPods }, expect: [['selector-matches-nothing']], says: 'frontend' },
  { name: 'the correct label selects a known pod', text: F.BACKEND_FROM_FRONTEND, options: { endpoints: shopPods }, not: ['selector-matches-nothing'] },
  { name: 'without known endpoints no selector is judged', text: F.BACKEND_FROM_FRONTEND_TYPO, not: ['selector-matches-nothing'] },
  { name: 'pod-template-hash and kubernetes.io labels never match', text: F.POD_TEMPLATE_HASH, expect: [['label-not-in-identity'], ['label-not-in-identity']], says: 'pod-template-hash' },
  { name: 'app.kubernetes.io and the namespace key are identity labels', text: F.APP_KUBERNETES_IO, not: ['label-not-in-identity'] },
  { name: 'fromEndpoints: [] selects nothing', text: F.EMPTY_FROM, expect: [['empty-peers-list', 'warning']], says: 'selects nothing' },
  { name: 'fromEndpoints: [] alone is a deny-all, said as info', text: F.EMPTY_FROM.replace(/\n {6}toPorts:[\s\S]*$/, '\n'), expect: [['empty-peers-list', 'info']], says: 'deny-all' },
  { name: 'fromEndpoints: [{}] is the namespace, said as info', text: F.NS_ISOLATION, expect: [['empty-peers-list', 'info']], says: 'namespace payments' },
  { name: 'ingress: [{}] in a CNP is deny-all', text: F.DENY_ALL_CNP, expect: [['empty-peers-list', 'info']], says: 'deny all' },
  { name: 'ingress: [{}] in a KNP allows everything', text: F.ALLOW_ALL_KNP, expect: [['empty-peers-list', 'warning']], says: 'internet' },
  { name: 'a KNP with only policyTypes is a plain default deny', text: F.KNP_DENY_ALL, not: ['empty-peers-list', 'ports-without-peers'] },
  { name: 'toPorts without peers admits the world', text: F.PORTS_ONLY, expect: [['ports-without-peers', 'warning']], says: 'world' },
  { name: 'ports with a peer are fine', text: F.BACKEND_FROM_FRONTEND, not: ['ports-without-peers'] },
  { name: 'denying the host entity blocks probes', text: F.DENY_HOST, expect: [['probes-blocked']], says: 'probes' },
  { name: 'a host policy locking node egress blocks probes', text: F.HOST_EGRESS_LOCKED, expect: [['probes-blocked']] },
  { name: 'the seed host firewall (ingress only) leaves probes alone', text: F.HOST_FW_SEED, not: ['probes-blocked', 'label-not-in-identity'] },
  { name: 'default deny on kube-system is a separate track', text: F.KUBE_SYSTEM_LOCKDOWN, expect: [['system-namespace-lockdown']], says: 'kube-system' },
  { name: 'a cluster-wide default deny reaches kube-system too', text: F.CLUSTER_WIDE_LOCKDOWN, expect: [['system-namespace-lockdown']] },
  { name: 'an application namespace is not a system one', text: F.BACKEND_FROM_FRONTEND, not: ['system-namespace-lockdown'] },
  { name: 'L7 on every pod of a namespace is broad', text: F.L7_NAMESPACE_WIDE, expect: [['l7-broad-scope', 'info']], says: 'proxy' },
  { name: 'L7 on one workload from one peer is fine', text: F.L7_NARROW, not: ['l7-broad-scope'] },
  {
    name: 'L7 on a workload with many known pods is broad',
    text: F.L7_NARROW,
    options: { endpoints: Array.from({ length: 11 }, (_, i) => pod('shop', { app: 'order-api', idx: String(i) })) },
    expect: [['l7-broad-scope']],
  },
  { name: 'two peer kinds in one element', text: F.MIXED_PEERS, expect: [['peer-kinds-combined', 'error']] },
  { name: 'HTTP rules on a UDP port', text: F.HTTP_ON_UDP, expect: [['l7-on-non-tcp', 'error']] },
  { name: 'a DNS rule without a port', text: F.DNS_NO_PORT, expect: [['dns-rule-without-port', 'error']] },
  { name: 'endPort with a named port is ignored', text: F.ENDPORT_NAMED, expect: [['endport-named-port', 'warning']], says: 'http' },
  { name: 'endPort with a numeric port is a real range', text: F.ENDPORT_NUMERIC, not: ['endport-named-port'] },
  { name: 'L7 rules in a deny rule', text: F.DENY_L7, expect: [['deny-with-l7', 'error']] },
  { name: 'a CNP subject naming another namespace', text: F.SUBJECT_OTHER_NS, expect: [['cnp-subject-namespace-overridden', 'warning']] },
  { name: 'a KNP and a CNP selecting the same pods', text: docs(F.KNP_BACKEND, F.BACKEND_FROM_FRONTEND), expect: [['mixed-kinds-selecting-endpoint', 'info']], says: 'add up' },
  { name: 'a KNP alone is not mixed', text: F.KNP_BACKEND, not: ['mixed-kinds-selecting-endpoint'] },
  {
    name: 'with flows, a rule no flow used',
    text: F.BACKEND_FROM_FRONTEND,
    options: { usage: { flows: 5, used: new Set<string>() } },
    expect: [['unused-rule', 'info']],
    says: 'of 5',
  },
  { name: 'without flows nothing is unused', text: F.BACKEND_FROM_FRONTEND, not: ['unused-rule'] },
]

describe('lint codes', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const found = lint(c.text, c.options)
      for (const [code, severity] of c.expect ?? []) {
        const hit = found.filter((f) => f.code === code && (severity === undefined || f.severity === severity))
        expect(hit.length, `${code} ${severity ?? ''} in ${codes(found).join(',')}`).toBeGreaterThan(0)
      }
      const need = (c.expect ?? []).filter(([code]) => code === c.expect?.[0][0]).length
      if (need > 1) expect(found.filter((f) => f.code === c.expect?.[0][0]).length).toBeGreaterThanOrEqual(need)
      for (const code of c.not ?? []) expect(codes(found)).not.toContain(code)
      if (c.says !== undefined) expect(found.find((f) => f.code === c.expect?.[0][0])?.message).toContain(c.says)
    })
  }

  it('every code has a positive case in the table', () => {
    const covered = new Set(CASES.flatMap((c) => (c.expect ?? []).map(([code]) => code)))
    expect(LINT_CODES.filter((code) => !covered.has(code))).toEqual([])
  })
})

describe('finding shape', () => {
  it('carries position, policy, path, graph handles and a why citing the semantics', () => {
    const [f] = lint(F.FQDN_NO_DNS).filter((x) => x.code === 'fqdn-without-dns-proxy')
    expect(f.policy).toBe('payments/stripe')
    expect(f.path).toBe('spec.egress[0]')
    expect(f.line).toBe(F.FQDN_NO_DNS.split('\n').findIndex((l) => l.includes('toFQDNs')) + 1)
    expect(f.column).toBe(7)
    expect(f.why).toMatch(/§5\.6/)
    expect(f.nodes).toContain('wl/payments/app=pg-gateway')
    expect(f.edges).toEqual([`${f.elementId}/0`])
  })

  it('parser diagnostics it lifts keep their exact range', () => {
    const text = F.MIXED_PEERS
    const f = lint(text).find((x) => x.code === 'peer-kinds-combined')
    expect(f && text.slice(f.range.start, f.range.end)).toBe('fromCIDR')
    expect(f?.path).toBe('spec.ingress[0].fromCIDR')
  })
})

interface FixCase {
  readonly name: string
  readonly text: string
  readonly code: string
  readonly options?: LintOptions
  /** Text the fixed YAML must contain. */
  readonly contains: string
}

const FIXES: readonly FixCase[] = [
  { name: 'adds a DNS rule for toFQDNs', text: F.FQDN_NO_DNS, code: 'fqdn-without-dns-proxy', contains: 'k8s-app: kube-dns' },
  { name: 'sets enableDefaultDeny false for deny-only', text: F.DENY_ONLY, code: 'deny-only-enables-default-deny', contains: 'enableDefaultDeny:\n    egress: false' },
  { name: 'corrects the near-miss label', text: F.BACKEND_FROM_FRONTEND_TYPO, code: 'selector-matches-nothing', options: { endpoints: shopPods }, contains: 'app: frontend' },
  { name: 'removes the dropped label', text: F.POD_TEMPLATE_HASH, code: 'label-not-in-identity', contains: 'app: backend' },
  { name: 'limits a peerless port rule to the cluster', text: F.PORTS_ONLY, code: 'ports-without-peers', contains: 'fromEntities' },
  { name: 'splits two peer kinds into two rules', text: F.MIXED_PEERS, code: 'peer-kinds-combined', contains: '    - fromCIDR:' },
  { name: 'sets TCP for HTTP rules on UDP', text: F.HTTP_ON_UDP, code: 'l7-on-non-tcp', contains: 'protocol: TCP' },
  { name: 'adds port 53 to a DNS rule', text: F.DNS_NO_PORT, code: 'dns-rule-without-port', contains: '"53"' },
  { name: 'removes endPort from a named port', text: F.ENDPORT_NAMED, code: 'endport-named-port', contains: 'port: http' },
  { name: 'removes L7 rules from a deny rule', text: F.DENY_L7, code: 'deny-with-l7', contains: 'ingressDeny' },
  { name: 'removes the ignored namespace label', text: F.SUBJECT_OTHER_NS, code: 'cnp-subject-namespace-overridden', contains: 'app: web' },
]

describe('quick fixes clear their finding', () => {
  for (const c of FIXES) {
    it(c.name, () => {
      const before = lint(c.text, c.options).filter((f) => f.code === c.code)
      const f = before[0]
      expect(f?.fix, `fix for ${c.code}`).toBeDefined()
      const fixed = applyFix(c.text, f)
      expect(fixed).toContain(c.contains)
      const after = lint(fixed, c.options)
      expect(after.filter((x) => x.code === c.code).length).toBe(before.length - 1)
      // A fix never breaks the YAML into new errors.
      expect(after.filter((x) => x.severity === 'error' && x.code !== c.code)).toEqual([])
    })
  }
})
