import { describe, expect, it } from 'vitest'
import { parsePolicies } from './parse.ts'
import { codes, elementLines, sel } from './test-util.ts'

const NS = 'k8s:io.kubernetes.pod.namespace'

const knp = (spec: string, ns = 'default') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: ${ns}
spec:
${spec}`

interface Case {
  readonly text: string
  readonly subject?: string
  readonly elements: readonly string[]
}

const knpCases: Record<string, Case> = {
  '§9.47 policyTypes [Ingress] alone is ingress default deny': {
    text: knp(`  podSelector: {}
  policyTypes: [Ingress]
`),
    subject: `${NS}=default`,
    elements: ['ingress - all'],
  },
  '§9.47 one empty ingress rule allows from everything': {
    text: knp(`  podSelector: {}
  ingress:
    - {}
`),
    elements: ['ingress wildcard all'],
  },
  '§9.48 pod + namespace selector peer on port 80': {
    text: knp(`  podSelector:
    matchLabels: {app: web}
  ingress:
    - from:
        - podSelector:
            matchLabels: {foo3: bar3, foo4: bar4}
          namespaceSelector:
            matchLabels: {nsfoo: nsbar}
      ports:
        - port: 80
`),
    subject: `k8s:app=web,${NS}=default`,
    elements: ['ingress endpoints(k8s:foo3=bar3,k8s:foo4=bar4,k8s:io.cilium.k8s.namespace.labels.nsfoo=nsbar) 80/TCP'],
  },
  '§9.48 podSelector-only peer is pinned to the policy namespace': {
    text: knp(`  podSelector: {}
  ingress:
    - from:
        - podSelector:
            matchLabels: {foo: bar}
      ports:
        - port: 80
`),
    elements: [`ingress endpoints(k8s:foo=bar,${NS}=default) 80/TCP`],
  },
  '§8.2 empty namespaceSelector means all pods in all namespaces': {
    text: knp(`  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: {}
`),
    elements: [`ingress endpoints(${NS}) all`],
  },
  '§8.2 ipBlock with except; §8.4 UDP without port, endPort range': {
    text: knp(`  podSelector: {}
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
            except: [10.1.0.0/16]
      ports:
        - protocol: UDP
        - port: 8000
          endPort: 8080
        - port: metrics
  policyTypes: [Egress]
`),
    elements: ['egress cidr(10.0.0.0/8 except 10.1.0.0/16) 0/UDP,8000-8080/TCP,metrics/TCP'],
  },
  '§8.5 policyTypes [Ingress, Egress] with no rules denies both': {
    text: knp(`  podSelector: {}
  policyTypes: [Ingress, Egress]
`),
    elements: ['ingress - all', 'egress - all'],
  },
  '§8.5 egress rules without policyTypes still add ingress default deny': {
    text: knp(`  podSelector: {}
  egress:
    - to: []
`),
    elements: ['egress wildcard all', 'ingress - all'],
  },
  '§8.5 policyTypes [Egress] with only egress rules leaves ingress alone': {
    text: knp(`  podSelector: {}
  policyTypes: [Egress]
  egress:
    - ports: [{port: 53, protocol: UDP}]
`),
    elements: ['egress wildcard 53/UDP'],
  },
}

describe('Kubernetes NetworkPolicy translation (§8)', () => {
  for (const [name, c] of Object.entries(knpCases)) {
    it(name, () => {
      const r = parsePolicies(c.text)
      expect(codes(r)).toEqual([])
      expect(codes(r, 'warning')).toEqual([])
      const p = r.policies[0]
      expect(p.kind).toBe('NetworkPolicy')
      expect(p.key).toBe('NetworkPolicy/default/np')
      expect(p.rules[0].defaultDeny).toEqual({ ingress: true, egress: true })
      if (c.subject) expect(sel(p.rules[0].subject.selector)).toBe(c.subject)
      expect(elementLines(r)).toEqual(c.elements)
    })
  }

  it('synthesised elements have distinct ids on real YAML paths', () => {
    const r = parsePolicies(knpCases['§8.5 policyTypes [Ingress, Egress] with no rules denies both'].text)
    const ids = r.policies[0].rules[0].elements.map((e) => e.id)
    expect(ids).toEqual(['NetworkPolicy/default/np#spec.policyTypes.0', 'NetworkPolicy/default/np#spec.policyTypes.1'])
  })
})

const cnp = (ns: string, spec: string, kind = 'CiliumNetworkPolicy') => `apiVersion: cilium.io/v2
kind: ${kind}
metadata:
  name: p
${ns ? `  namespace: ${ns}\n` : ''}spec:
${spec}`

const pinning: Record<string, Case> = {
  '§9.43 CNP subject naming another namespace selects its own namespace': {
    text: cnp('default', `  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: foo
      app: a
  ingress: [{}]
`),
    subject: `app=a,${NS}=default`,
    elements: ['ingress - all'],
  },
  '§9.44 CCNP fromEndpoints [{}] becomes namespace Exists': {
    text: cnp('', `  endpointSelector: {}
  ingress:
    - fromEndpoints: [{}]
`, 'CiliumClusterwideNetworkPolicy'),
    subject: '{}',
    elements: [`ingress endpoints(${NS}) all`],
  },
  '§9.45 namespace-label selector is not pinned in a CNP': {
    text: cnp('default', `  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - matchLabels:
            any:io.cilium.k8s.namespace.labels.team: team-a
`),
    elements: ['ingress endpoints(io.cilium.k8s.namespace.labels.team=team-a) all'],
  },
  '§9.45 an explicit any: namespace wins over the policy namespace': {
    text: cnp('default', `  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - matchLabels:
            any:io.kubernetes.pod.namespace: ns-2
`),
    elements: ['ingress endpoints(io.kubernetes.pod.namespace=ns-2) all'],
  },
  '§9.46 CCNP selecting reserved:init keeps its peers unscoped': {
    text: cnp('', `  endpointSelector:
    matchLabels:
      reserved:init: ""
  ingress:
    - fromEndpoints: [{}]
`, 'CiliumClusterwideNetworkPolicy'),
    subject: 'reserved:init=',
    elements: ['ingress endpoints({}) all'],
  },
  '§9.46 CNP with reserved:init DoesNotExist is pinned, so are its peers': {
    text: cnp('default', `  endpointSelector:
    matchExpressions:
      - {key: reserved:init, operator: DoesNotExist}
  ingress:
    - fromEndpoints: [{}]
`),
    subject: `!reserved:init,${NS}=default`,
    elements: [`ingress endpoints(${NS}=default) all`],
  },
  '§2.4 step 1: a reserved: peer key is kept as is': {
    text: cnp('default', `  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - matchLabels: {reserved:host: ""}
`),
    elements: ['ingress endpoints(reserved:host=) all'],
  },
  '§2.5 ports without a peer field admit every identity': {
    text: cnp('default', `  endpointSelector: {}
  ingress:
    - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    - icmps: [{fields: [{type: 8}]}]
    - {}
`),
    elements: ['ingress wildcard 80/TCP', 'ingress wildcard all icmp:IPv4/8', 'ingress - all'],
  },
  '§2.5 an explicitly empty peer list selects nothing even with ports': {
    text: cnp('default', `  endpointSelector: {}
  ingress:
    - fromEndpoints: []
      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
  egress: []
`),
    elements: ['ingress - 80/TCP'],
  },
  '§2.4 CCNP peers elsewhere: entities and CIDRs are never scoped; bare IP widened': {
    text: cnp('', `  endpointSelector: {}
  egress:
    - toEntities: [world]
    - toCIDR: [1.2.3.4, "2001:db8::1"]
    - toEndpoints: [{matchLabels: {app: x}}]
`, 'CiliumClusterwideNetworkPolicy'),
    elements: ['egress entity(world) all', 'egress cidr(1.2.3.4/32) | cidr(2001:db8::1/128) all', `egress endpoints(app=x,${NS}) all`],
  },
}

describe('CNP / CCNP namespace handling (§2.3–2.5)', () => {
  for (const [name, c] of Object.entries(pinning)) {
    it(name, () => {
      const r = parsePolicies(c.text)
      expect(codes(r)).toEqual([])
      if (c.subject) expect(sel(r.policies[0].rules[0].subject.selector)).toBe(c.subject)
      expect(elementLines(r)).toEqual(c.elements)
    })
  }

  it('§2.3 warns when the user-written subject namespace is replaced', () => {
    const r = parsePolicies(pinning['§9.43 CNP subject naming another namespace selects its own namespace'].text)
    expect(codes(r, 'warning')).toEqual(['subject-namespace'])
  })

  it('a CNP without namespace defaults to "default" with an info', () => {
    const r = parsePolicies(cnp('', '  endpointSelector: {}\n  ingress: [{}]\n'))
    expect(r.policies[0].namespace).toBe('default')
    expect(codes(r, 'info')).toEqual(['default-namespace'])
  })

  it('§3.2 enableDefaultDeny unset is true; false is kept', () => {
    const r = parsePolicies(cnp('a', '  endpointSelector: {}\n  enableDefaultDeny: {egress: false}\n  egress: [{toEntities: [world]}]\n'))
    expect(r.policies[0].rules[0].defaultDeny).toEqual({ ingress: true, egress: false })
  })

  it('named ports are lowercased, endPort ignored for them, endPort ≤ port is a single port', () => {
    const r = parsePolicies(cnp('a', `  endpointSelector: {}
  ingress:
    - toPorts:
        - ports:
            - {port: HTTP, endPort: 90, protocol: TCP}
            - {port: "100", endPort: 50, protocol: TCP}
`))
    const ports = r.policies[0].rules[0].elements[0].toPorts?.[0].ports
    expect(ports?.map((p) => [p.port, p.endPort])).toEqual([['http', undefined], ['100', undefined]])
  })

  it('fromGroups warns that it is not evaluated offline and adds no peers', () => {
    const r = parsePolicies(cnp('a', '  endpointSelector: {}\n  egress:\n    - toGroups: [{aws: {securityGroupsIds: [sg-1]}}]\n      toPorts: [{ports: [{port: "443", protocol: TCP}]}]\n'))
    expect(codes(r, 'warning')).toEqual(['groups-not-evaluated'])
    expect(r.policies[0].rules[0].elements[0]).toMatchObject({ peers: [], peerField: 'toGroups' })
  })
})
