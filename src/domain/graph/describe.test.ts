import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import { describeEdge, describeNode, formatPath } from './describe.ts'
import { cidrCaption, nodeSpecOf } from './node-spec.ts'

const text = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-frontend-to-backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
  egressDeny:
    - toEntities: [world]
`

describe('describeEdge', () => {
  const g = buildGraph(parsePolicies(text))
  const nodes = new Map(g.nodes.map((n) => [n.id, n]))
  it('says who may connect to whom on which port, and which rule says so', () => {
    const edge = g.edges.find((e) => e.kind === 'allow')!
    expect(describeEdge(edge, nodes)).toBe(
      'Pods labelled app=frontend in namespace shop may connect to pods labelled app=backend in namespace shop on TCP/8080.\n' +
        'ingress rule spec.ingress[0] of CiliumNetworkPolicy shop/allow-frontend-to-backend',
    )
  })
  it('words a deny as a denial', () => {
    const edge = g.edges.find((e) => e.kind === 'deny')!
    expect(describeEdge(edge, nodes)).toMatch(/^Pods labelled app=backend in namespace shop may NOT connect to anything outside the cluster \(world\) on any port/)
  })
  it('formats YAML paths the way Cilium users write them', () => {
    expect(formatPath(['items', 2, 'spec', 'ingress', 0])).toBe('items[2].spec.ingress[0]')
  })
})

describe('single-address CIDRs', () => {
  it('read as the address on the map, the CIDR as written in the hover text', () => {
    expect(cidrCaption('169.254.169.254/32')).toBe('169.254.169.254')
    expect(cidrCaption('2001:db8::1/128')).toBe('2001:db8::1')
    expect(cidrCaption('10.0.0.0/8')).toBe('10.0.0.0/8')
    const spec = nodeSpecOf({ kind: 'cidr', cidr: '169.254.169.254/32' })
    expect(spec.label).toBe('169.254.169.254')
    expect(describeNode({ ...spec, shields: { ingress: false, egress: false }, origins: [] }, spec.id)).toContain('addresses in 169.254.169.254/32')
  })
})
