import { describe, expect, it } from 'vitest'
import { parsePolicies } from './parse.ts'
import { codes, elementLines, lineOf } from './test-util.ts'

const cnp = (spec: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: t
  namespace: ns
spec:
${spec}`
const ccnp = (spec: string) => `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: t
spec:
${spec}`
const SUBJ = '  endpointSelector: {}\n'

interface Rejection {
  readonly text: string
  readonly code: string
  /** Text on the line the diagnostic must start at. */
  readonly at: string
  readonly severity?: 'error' | 'warning'
}

const rejections: Record<string, Rejection> = {
  'fromEndpoints with fromCIDR in one element (§5.1)': {
    code: 'mixed-peers', at: 'fromCIDR:',
    text: cnp(`${SUBJ}  ingress:
    - fromEndpoints: [{}]
      fromCIDR: [10.0.0.0/8]
`),
  },
  'fromCIDR with fromCIDRSet (§5.1)': {
    code: 'mixed-peers', at: 'fromCIDRSet:',
    text: cnp(`${SUBJ}  ingress:
    - fromCIDR: [10.0.0.0/8]
      fromCIDRSet: [{cidr: 10.0.0.0/8}]
`),
  },
  'toFQDNs with another To* field (§5.1)': {
    code: 'mixed-peers', at: 'toFQDNs:',
    text: cnp(`${SUBJ}  egress:
    - toEndpoints: [{}]
      toFQDNs: [{matchName: example.com}]
`),
  },
  'both endpointSelector and nodeSelector (§2.1)': {
    code: 'subject-both', at: 'nodeSelector:',
    text: ccnp(`  endpointSelector: {}
  nodeSelector: {}
  ingress: [{}]
`),
  },
  'neither endpointSelector nor nodeSelector (§2.1)': {
    code: 'subject-missing', at: 'ingress: [{}]',
    text: cnp(`  ingress: [{}]
`),
  },
  'nodeSelector in a CiliumNetworkPolicy (§2.1)': {
    code: 'node-selector-in-cnp', at: 'nodeSelector:',
    text: cnp(`  nodeSelector: {}
  ingress: [{}]
`),
  },
  'HTTP rules on a UDP port (§7.1)': {
    code: 'l7-protocol', at: 'port: "80"',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports:
            - port: "80"
              protocol: UDP
          rules:
            http: [{method: GET}]
`),
  },
  'HTTP rules on protocol ANY (default) (§7.1)': {
    code: 'l7-protocol', at: 'port: "80"',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports:
            - port: "80"
          rules:
            http: [{}]
`),
  },
  'L7 rules on port 0 (§7.1)': {
    code: 'l7-port-zero', at: 'port: "0"',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports:
            - port: "0"
              protocol: TCP
          rules:
            http: [{}]
`),
  },
  'DNS rules on ingress (§7.1)': {
    code: 'dns-on-ingress', at: 'dns:',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports: [{port: "53", protocol: UDP}]
          rules:
            dns: [{matchPattern: "*"}]
`),
  },
  'DNS rules with a port range (§6.1)': {
    code: 'dns-port-range', at: 'port: "53"',
    text: cnp(`${SUBJ}  egress:
    - toPorts:
        - ports:
            - port: "53"
              endPort: 60
              protocol: UDP
          rules:
            dns: [{matchPattern: "*"}]
`),
  },
  'DNS rule without a port (§9.50)': {
    code: 'dns-no-port', at: 'dns:',
    text: cnp(`${SUBJ}  egress:
    - toEndpoints: [{}]
      toPorts:
        - rules:
            dns: [{matchPattern: "*"}]
`),
  },
  'DNS rules on SCTP (§7.1)': {
    code: 'l7-protocol', at: 'port: "53"',
    text: cnp(`${SUBJ}  egress:
    - toPorts:
        - ports:
            - port: "53"
              protocol: SCTP
          rules:
            dns: [{matchPattern: "*"}]
`),
  },
  'deny element with L7 rules (§4.1)': {
    code: 'deny-l7', at: 'rules:',
    text: cnp(`${SUBJ}  ingressDeny:
    - toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules:
            http: [{method: GET}]
`),
  },
  'deny element with toFQDNs (§4.1)': {
    code: 'deny-fqdn', at: 'toFQDNs:',
    text: cnp(`${SUBJ}  egressDeny:
    - toFQDNs: [{matchName: example.com}]
`),
  },
  'icmps together with toPorts (§6.4)': {
    code: 'icmps-with-toports', at: 'icmps:',
    text: cnp(`${SUBJ}  ingress:
    - toPorts: [{ports: [{port: "80"}]}]
      icmps: [{fields: [{type: 8}]}]
`),
  },
  'rule without any section (§0)': {
    code: 'no-rule-sections', at: 'endpointSelector',
    text: cnp(SUBJ),
  },
  'fromRequires (removed in 1.19)': {
    code: 'requires-removed', at: 'fromRequires:',
    text: cnp(`${SUBJ}  ingress:
    - fromEndpoints: [{}]
      fromRequires: [{matchLabels: {env: prod}}]
`),
  },
  'In without values (§1.5)': {
    code: 'selector-values', at: 'key: tier',
    text: cnp(`  endpointSelector:
    matchExpressions:
      - key: tier
        operator: In
  ingress: [{}]
`),
  },
  'Exists with values (§1.5)': {
    code: 'selector-values', at: 'values: [a]',
    text: cnp(`  endpointSelector:
    matchExpressions:
      - key: tier
        operator: Exists
        values: [a]
  ingress: [{}]
`),
  },
  'unknown selector operator': {
    code: 'selector-operator', at: 'operator: Maybe',
    text: cnp(`  endpointSelector:
    matchExpressions:
      - key: tier
        operator: Maybe
  ingress: [{}]
`),
  },
  'invalid CIDR': {
    code: 'invalid-cidr', at: '10.0.0.300',
    text: cnp(`${SUBJ}  egress:
    - toCIDR:
        - 10.0.0.300/24
`),
  },
  'invalid CIDR in except': {
    code: 'invalid-cidr', at: 'nope',
    text: cnp(`${SUBJ}  egress:
    - toCIDRSet:
        - cidr: 10.0.0.0/8
          except: [nope]
`),
  },
  'port above 65535': {
    code: 'invalid-port', at: '"70000"',
    text: cnp(`${SUBJ}  ingress:
    - toPorts: [{ports: [{port: "70000", protocol: TCP}]}]
`),
  },
  'port that is neither number nor name': {
    code: 'invalid-port', at: 'http_x!',
    text: cnp(`${SUBJ}  ingress:
    - toPorts: [{ports: [{port: "http_x!", protocol: TCP}]}]
`),
  },
  'more than one L7 type in one toPorts entry (§7.1)': {
    code: 'multiple-l7', at: 'http:',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules:
            http: [{}]
            kafka: [{topic: a}]
`),
  },
  'L7 on host-policy ingress (§2.1)': {
    code: 'l7-host-ingress', at: 'http:',
    text: ccnp(`  nodeSelector: {}
  ingress:
    - toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules:
            http: [{}]
`),
  },
  'Kafka role and apiKey together (§7.3)': {
    code: 'kafka-role-and-apikey', at: 'role: produce',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports: [{port: "9092", protocol: TCP}]
          rules:
            kafka:
              - role: produce
                apiKey: fetch
`),
  },
  'world-ipv4 entity (not in the CRD enum, §5.2)': {
    code: 'entity-not-allowed', at: 'world-ipv4',
    text: cnp(`${SUBJ}  egress:
    - toEntities: [world-ipv4]
`),
  },
  'unknown entity': {
    code: 'unknown-entity', at: 'galaxy',
    text: cnp(`${SUBJ}  egress:
    - toEntities:
        - galaxy
`),
  },
  'port given as a list': {
    code: 'wrong-type', at: 'port: [1]',
    text: cnp(`${SUBJ}  ingress:
    - toPorts:
        - ports:
            - port: [1]
`),
  },
  'endpointSelector given as a string': {
    code: 'wrong-type', at: 'endpointSelector: "x"',
    text: cnp(`  endpointSelector: "x"
  ingress: [{}]
`),
  },
  'YAML syntax error': {
    code: 'yaml-syntax', at: 'bad: a: b',
    text: cnp(`${SUBJ}  ingress: [{}]
  bad: a: b
`),
  },
  'toFQDNs entry with both matchName and matchPattern': {
    code: 'fqdn-selector', at: 'matchName: a.com',
    text: cnp(`${SUBJ}  egress:
    - toFQDNs:
        - matchName: a.com
          matchPattern: "*.a.com"
`),
  },
  'unknown field (typo) is a warning': {
    code: 'unknown-field', at: 'fromEndpoint:', severity: 'warning',
    text: cnp(`${SUBJ}  ingress:
    - fromEndpoint: [{}]
`),
  },
  'duplicate policy key is a warning': {
    code: 'duplicate-policy', at: 'second', severity: 'warning',
    text: `${cnp(`${SUBJ}  ingress: [{}]\n`)}---\n# second\n${cnp(`${SUBJ}  egress: [{}]\n`)}`,
  },
}

describe('rules Cilium rejects are reported with a code and line', () => {
  for (const [name, c] of Object.entries(rejections)) {
    it(name, () => {
      const r = parsePolicies(c.text)
      const found = r.diagnostics.filter((d) => d.code === c.code && d.severity === (c.severity ?? 'error'))
      expect(found.map((d) => d.code)).toContain(c.code)
      expect(found[0].line).toBe(lineOf(c.text, c.at) + (c.at === 'second' ? 1 : 0))
      expect(found[0].message.length).toBeGreaterThan(10)
    })
  }
})

describe('invalid parts are skipped, the rest still yields a model', () => {
  it('drops only the invalid element', () => {
    const r = parsePolicies(cnp(`${SUBJ}  egress:
    - toEntities: [galaxy]
    - toEntities: [world]
`))
    expect(codes(r)).toEqual(['unknown-entity'])
    expect(elementLines(r)).toEqual(['egress entity(world) all'])
  })

  it('a rule with an invalid subject is dropped but other specs stay', () => {
    const r = parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: t, namespace: ns}
specs:
  - ingress: [{}]
  - endpointSelector: {}
    egress: [{}]
`)
    expect(codes(r)).toEqual(['subject-missing'])
    expect(r.policies[0].rules).toHaveLength(1)
    expect(r.policies[0].rules[0].origin.path).toEqual(['specs', 1])
  })

  it('the later duplicate replaces the earlier one', () => {
    const r = parsePolicies(rejections['duplicate policy key is a warning'].text)
    expect(r.policies).toHaveLength(1)
    expect(r.policies[0].origin.doc).toBe(1)
  })

  it('real-world fields give no warnings', () => {
    const r = parsePolicies(cnp(`  description: "all fields"
  endpointSelector:
    matchLabels: {app: a}
    matchExpressions: [{key: tier, operator: NotIn, values: [x]}]
  enableDefaultDeny: {ingress: false, egress: true}
  labels: [{key: team, value: a, source: k8s}]
  log: {value: x}
  ingress:
    - fromEndpoints: [{}]
      authentication: {mode: required}
      toPorts:
        - ports: [{port: "443", protocol: TCP}]
          serverNames: [a.example.com]
          terminatingTLS: {secret: {name: s, namespace: ns}}
          originatingTLS: {secret: {name: s2}}
    - icmps: [{fields: [{type: 8, family: IPv4}, {type: EchoRequest, family: IPv6}]}]
    - fromCIDRSet: [{cidrGroupRef: office}, {cidrGroupSelector: {matchLabels: {env: prod}}}, {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
    - fromNodes: [{matchLabels: {role: worker}}]
  egress:
    - toServices:
        - k8sService: {serviceName: db, namespace: data}
        - k8sServiceSelector: {selector: {matchLabels: {tier: db}}, namespace: data}
      toPorts:
        - ports: [{port: "5432", protocol: TCP}]
    - toPorts:
        - ports: [{port: "8000", endPort: 8100, protocol: TCP}, {port: HTTP-Alt, endPort: 9000, protocol: TCP}]
          rules:
            l7proto: myproto
            l7: [{cmd: GET}]
  egressDeny:
    - toEntities: [world]
      toPorts: [{ports: [{port: "25", protocol: TCP}]}]
`))
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    const rule = r.policies[0].rules[0]
    expect(rule.defaultDeny).toEqual({ ingress: false, egress: true })
    expect(rule.description).toBe('all fields')
    expect(elementLines(r)).toEqual([
      'ingress endpoints(k8s:io.kubernetes.pod.namespace=ns) 443/TCP',
      'ingress wildcard all icmp:IPv4/8,IPv6/EchoRequest',
      'ingress cidrGroup(office) | cidrGroup(env=prod) | cidr(10.0.0.0/8 except 10.1.0.0/16) all',
      'ingress nodes(role=worker) all',
      'egress service(data/db) | service(data/tier=db) 5432/TCP',
      'egress wildcard 8000-8100/TCP,http-alt/TCP [generic:1]',
      'egressDeny entity(world) 25/TCP',
    ])
  })
})
