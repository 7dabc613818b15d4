/**
 * Host firewall (§2.1, §3.5): the Trace panel, `membrane trace` and the graph's edge verdicts
 * agree on traffic to and from nodes, and all take the host firewall to be on when the workspace
 * holds host policies.
 */
import { DEFAULT_AGENT_SETTINGS } from './domain/settings/index.ts'
import { describe, expect, it } from 'vitest'
import type { TraceQuery } from './domain/trace/index.ts'
import { EvaluatorCore } from './worker/evaluator-core.ts'
import type { EvaluatorSettings } from './worker/protocol.ts'
import { traceInMemory } from './cli/test-support/trace-in-memory.ts'

const POLICIES = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: nodes}
spec:
  nodeSelector: {}
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
  egress:
    - toEntities: [world]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: agent, namespace: ops}
spec:
  endpointSelector: {matchLabels: {app: agent}}
  egress:
    - toEntities: [remote-node]
      toPorts: [{ports: [{port: "22", protocol: TCP}, {port: "10250", protocol: TCP}]}]
`
const FILE = '/virtual/host.yaml'

function cli(argv: readonly string[]): { code: number; out: string } {
  return traceInMemory(FILE, POLICIES, argv)
}

function core(settings: Partial<EvaluatorSettings> = {}): EvaluatorCore {
  const c = new EvaluatorCore()
  c.run({ type: 'setWorkspace', text: POLICIES, settings: { ...DEFAULT_AGENT_SETTINGS, ...settings } })
  return c
}

const agent = { kind: 'pod', namespace: 'ops', labels: { app: 'agent' } } as const
const CASES: readonly { name: string; argv: string[]; query: TraceQuery; verdict: string }[] = [
  { name: '§3.5 to remote-node: the receiving node\'s host ingress denies 22',
    argv: ['--from', 'ops:app=agent', '--to', 'entity:remote-node', '--port', '22'],
    query: { from: agent, to: { kind: 'entity', name: 'remote-node' }, protocol: 'TCP', port: 22 }, verdict: 'denied' },
  { name: '§3.5 to remote-node: the kubelet port is admitted by nodeSelector {}',
    argv: ['--from', 'ops:app=agent', '--to', 'entity:remote-node', '--port', '10250'],
    query: { from: agent, to: { kind: 'entity', name: 'remote-node' }, protocol: 'TCP', port: 10250 }, verdict: 'allowed' },
  { name: '§3.5 from host: the sending node\'s egress',
    argv: ['--from', 'entity:host', '--to', 'ip:203.0.113.5', '--port', '80'],
    query: { from: { kind: 'entity', name: 'host' }, to: { kind: 'ip', ip: '203.0.113.5' }, protocol: 'TCP', port: 80 }, verdict: 'denied' },
]

describe('§2.1 host firewall: trace panel, CLI and edges agree', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.verdict}`, () => {
      const answer = core().run({ type: 'trace', query: c.query })
      expect(answer.result.verdict).toBe(c.verdict)
      const text = cli(c.argv)
      expect(text.code).toBe(0)
      expect(text.out.trimEnd().split('\n').slice(4)).toEqual(answer.lines)
    })
  }
  it('§2.1 the agent\'s remote-node edge is blocked on 22 by the nodes\' host ingress; off, it is allowed', () => {
    const edge = (c: EvaluatorCore) => c.run({ type: 'edgeVerdicts' }).verdicts.find((v) => v.edgeId.includes('/agent#'))!
    const on = core().run({ type: 'edgeVerdicts' })
    expect(on.hostFirewall).toBe(true)
    const v = edge(core())
    expect(v.verdict).toBe('denied')
    expect(v.probes).toEqual([{ label: 'TCP/22', verdict: 'denied' }, { label: 'TCP/10250', verdict: 'allowed' }])
    expect(v.reason).toContain('blocked by nodes')
    expect(edge(core({ hostFirewallChoice: 'off' })).verdict).toBe('allowed')
  })
})
