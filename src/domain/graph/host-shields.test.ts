import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import { withHostShields } from './host-shields.ts'
import { hostFirewallInForce } from '../engine/host-firewall.ts'

const TEXT = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: nodes}
spec:
  nodeSelector: {}
  ingress:
    - fromEntities: [cluster]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: a}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress:
    - fromEntities: [host]
`

describe('host shields', () => {
  const parsed = parsePolicies(TEXT)
  const graph = buildGraph(parsed)
  const host = (g: typeof graph) => g.nodes.find((n) => n.id === 'entity/host')!
  const web = (g: typeof graph) => g.nodes.find((n) => n.label === 'app=web')!

  it('shows the host policy’s shield only while the host firewall is on', () => {
    expect(host(graph).shields.ingress).toBe(true)
    expect(withHostShields(graph, true)).toBe(graph)
    const off = withHostShields(graph, false)
    expect(host(off).shields).toEqual({ ingress: false, egress: false })
    // Workloads keep theirs: their policies do not depend on the host firewall.
    expect(web(off).shields.ingress).toBe(true)
  })

  it('decides on/off as the evaluator does: the switch overrides, auto follows the agent flag or host policies', () => {
    expect(hostFirewallInForce('off', true, parsed.policies)).toBe(false)
    expect(hostFirewallInForce('on', false, [])).toBe(true)
    expect(hostFirewallInForce('auto', false, parsed.policies)).toBe(true)
    expect(hostFirewallInForce(undefined, false, [])).toBe(false)
    expect(hostFirewallInForce('auto', true, [])).toBe(true)
  })
})
