/** Probes for the host firewall between nodes (§2.1, §3.5): who judges traffic to and from a node. */
import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { hasHostPolicies, hostFirewallInForce } from './host-firewall.ts'
import { ccnp, cnp, runSuite } from './test-harness.ts'

const everyNode = ccnp('node-fw', `
  nodeSelector: {}
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
  egress:
    - toEntities: [cluster]
      toPorts: [{ports: [{port: "6443", protocol: TCP}]}]
`)
const workers = ccnp('workers-fw', `
  nodeSelector: {matchLabels: {node-role: worker}}
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
`)
const podEgress = cnp('shop', 'api-egress', `
  endpointSelector: {matchLabels: {app: api}}
  egress:
    - toEntities: [remote-node, host]
`)

describe('§2.1 nodeSelector {} selects every node, with no node inventory', () => {
  runSuite({
    yaml: everyNode,
    settings: { hostFirewall: true },
    probes: [
      { name: '§2.1 nodeSelector {} selects the local host without node labels', from: 'shop/app=x', to: 'host', port: 10250, expect: 'allowed', by: ['ingress', 'allow', 'node-fw', 'spec.ingress[0]'] },
      { name: '§2.1 the local host: ingress default-deny on other ports', from: 'shop/app=x', to: 'host', port: 22, expect: 'denied', by: ['ingress', 'default-deny', 'node-fw'] },
      { name: '§3.5 traffic to remote-node is judged by that node\'s host ingress', from: 'shop/app=x', to: 'remote-node', port: 22, expect: 'denied', by: ['ingress', 'default-deny', 'node-fw'] },
      { name: '§3.5 remote-node kubelet port admitted by the receiving host', from: 'shop/app=x', to: 'remote-node', port: 10250, expect: 'allowed', by: ['ingress', 'allow', 'node-fw', 'spec.ingress[0]'] },
      { name: '§3.5 traffic from host is judged by the sending host egress', from: 'host', to: 'remote-node', port: 80, expect: 'denied', by: ['egress', 'default-deny', 'node-fw'] },
      { name: '§3.5 host to another node: the sender egress allows, the receiver sees a remote node (cluster)', from: 'host', to: 'remote-node', port: 6443, expect: 'denied', by: ['ingress', 'default-deny', 'node-fw'] },
    ],
  })
})

describe('§3.5 a remote node is judged with its own labels', () => {
  runSuite({
    yaml: workers,
    settings: { hostFirewall: true, nodeLabels: { 'node-role': 'worker' }, nodes: [{ ip: '10.0.0.9', labels: { 'node-role': 'storage' } }, { ip: '10.0.0.8', labels: { 'node-role': 'worker' } }] },
    probes: [
      { name: '§3.5 a remote node that is not a worker is not selected (its own labels, not the local node\'s)', from: 'shop/app=x', to: 'node:10.0.0.9', port: 22, expect: 'allowed', by: ['ingress', 'unenforced'] },
      { name: '§3.5 a remote worker node is selected by its labels', from: 'shop/app=x', to: 'node:10.0.0.8', port: 22, expect: 'denied', by: ['ingress', 'default-deny', 'workers-fw'] },
      { name: '§3.5 a remote node of unknown labels: only selectors every node satisfies apply', from: 'shop/app=x', to: 'node:10.0.0.7', port: 22, expect: 'allowed', by: ['ingress', 'unenforced'] },
    ],
  })
  runSuite({
    yaml: `${workers}\n---\n${podEgress}`,
    settings: { nodeLabels: { 'node-role': 'worker' } },
    probes: [
      { name: '§2.1 without the host firewall a remote node is not an endpoint', from: 'shop/app=api', to: 'remote-node', port: 22, expect: 'allowed', by: ['egress', 'allow', 'shop/api-egress'], ingress: 'n/a' },
    ],
  })
})

describe('§2.1 the host firewall is taken to be on when the workspace holds host policies', () => {
  it('§2.1 auto follows the policies; on and off are explicit', () => {
    const host = parsePolicies(workers).policies
    const pods = parsePolicies(podEgress).policies
    expect(hasHostPolicies(host)).toBe(true)
    expect(hasHostPolicies(pods)).toBe(false)
    expect(hostFirewallInForce('auto', false, host)).toBe(true)
    expect(hostFirewallInForce('auto', false, pods)).toBe(false)
    expect(hostFirewallInForce('off', false, host)).toBe(false)
    expect(hostFirewallInForce('on', false, pods)).toBe(true)
  })
})
