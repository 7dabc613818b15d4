import { describe, expect, it } from 'vitest'
import { CancelledError, createEvaluator } from './evaluator-client.ts'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'

const POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`

const frontend = { kind: 'pod', namespace: 'shop', labels: { app: 'frontend' } } as const
const backend = { kind: 'pod', namespace: 'shop', labels: { app: 'backend' } } as const

describe('evaluator client (in-thread fallback)', () => {
  it('traces a pair against the workspace it was given', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false } })
    const ok = await ev.call({ type: 'trace', query: { from: frontend, to: backend, protocol: 'TCP', port: 8080 } })
    expect(ok.result.verdict).toBe('allowed')
    expect(ok.result.ingress.reasons[0]).toMatchObject({ policy: 'shop/backend', path: 'spec.ingress[0]', effect: 'allow' })
    const no = await ev.call({ type: 'trace', query: { from: frontend, to: backend, protocol: 'TCP', port: 9090 } })
    expect(no.result.verdict).toBe('denied')
    expect(no.lines.join('\n')).toContain('Final verdict: DENIED')
  })

  it('applies audit mode from the workspace settings', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: true } })
    const r = await ev.call({ type: 'trace', query: { from: frontend, to: backend, protocol: 'TCP', port: 9090 } })
    expect(r.result.verdict).toBe('audit')
  })

  it('rejects a cancelled call and reports bad input as an error, not a crash', async () => {
    const ev = createEvaluator()
    const ac = new AbortController()
    ac.abort()
    await expect(
      ev.call({ type: 'trace', query: { from: frontend, to: backend, protocol: 'TCP', port: 1 } }, { signal: ac.signal }),
    ).rejects.toBeInstanceOf(CancelledError)
    await expect(
      ev.call({ type: 'trace', query: { from: { kind: 'entity', name: 'nowhere' }, to: backend, protocol: 'TCP', port: 1 } }),
    ).rejects.toThrow(/unknown entity/)
  })
})

describe('tracing to a DNS name (toFQDNs)', () => {
  const fqdnPolicy = (withDns: boolean): string => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: gw, namespace: payments}
spec:
  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
${withDns ? `    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*"}]}}]
` : ''}    - toFQDNs: [{matchName: api.stripe.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`
  const gw = { kind: 'pod', namespace: 'payments', labels: { app: 'pg-gateway' } } as const
  const stripe = { kind: 'fqdn', name: 'api.stripe.com' } as const

  it('is allowed when the DNS rule lets the proxy see the name resolved', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: fqdnPolicy(true), settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false } })
    const r = await ev.call({ type: 'trace', query: { from: gw, to: stripe, protocol: 'TCP', port: 443 } })
    expect(r.result.verdict).toBe('allowed')
    expect(r.lines[0]).toContain('was resolved through')
  })

  it('is denied without a DNS rule, and says why', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: fqdnPolicy(false), settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false } })
    const r = await ev.call({ type: 'trace', query: { from: gw, to: stripe, protocol: 'TCP', port: 443 } })
    expect(r.result.verdict).toBe('denied')
    expect(r.lines[0]).toContain('NOT resolved')
  })
})

describe('flows in the evaluator', () => {
  const flow = (port: number, verdict: string): string =>
    JSON.stringify({
      flow: {
        time: '2026-01-01T00:00:00Z',
        verdict,
        IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 40000, destination_port: port, flags: { SYN: true } } },
        source: { ID: 1, identity: 100, namespace: 'shop', labels: ['k8s:app=frontend', 'k8s:io.kubernetes.pod.namespace=shop'] },
        destination: { ID: 2, identity: 101, namespace: 'shop', labels: ['k8s:app=backend', 'k8s:io.kubernetes.pod.namespace=shop'] },
        Type: 'L3_L4',
        traffic_direction: 'EGRESS',
        is_reply: false,
      },
    })

  it('loads flows, counts bad lines, and re-evaluates them after an edit', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false } })
    const loaded = await ev.call({ type: 'loadFlows', text: [flow(8080, 'FORWARDED'), 'not json', flow(9090, 'FORWARDED')].join('\n') })
    expect(loaded).toMatchObject({ flows: 2, skipped: 1, summary: { allowed: 1, denied: 1, audit: 0 } })
    const v = await ev.call({ type: 'verdicts' })
    expect(v.flows).toEqual([
      { index: 0, verdict: 'allowed', recorded: 'FORWARDED' },
      { index: 1, verdict: 'denied', recorded: 'FORWARDED' },
    ])
    // Without the policy nothing selects the backend: both flows pass.
    await ev.call({ type: 'setWorkspace', text: '', settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false } })
    expect((await ev.call({ type: 'verdicts' })).summary).toEqual({ allowed: 2, denied: 0, audit: 0 })
  })
})
