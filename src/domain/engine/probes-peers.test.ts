/** Probes for peers (§5): the entity membership table, CIDR, CIDR groups, services and nodes. */
import { describe } from 'vitest'
import type { Probe } from './test-harness.ts'
import { ccnp, cnp, runSuite } from './test-harness.ts'

const ENTITIES = ['all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged', 'none']

/** Destination identities and the entities that contain them (§5.2, §9.34–36). */
const MEMBERSHIP: Record<string, readonly string[]> = {
  '93.184.216.34': ['all', 'world'],
  host: ['all', 'cluster', 'host'],
  'remote-node': ['all', 'cluster', 'remote-node'],
  'kube-apiserver': ['all', 'cluster', 'remote-node', 'kube-apiserver'],
  health: ['all', 'cluster', 'health'],
  init: ['all', 'cluster', 'init'],
  ingress: ['all', 'cluster', 'ingress'],
  unmanaged: ['all', 'cluster', 'unmanaged'],
  'other/app=x@prod': ['all', 'cluster'],
  'other/app=x@remote': ['all'],
}

const yaml = ENTITIES.map((e) =>
  cnp('shop', `to-${e}`, `
    endpointSelector: {matchLabels: {app: e-${e}}}
    egress:
      - toEntities: [${e}]
  `),
).join('')

const matrix: Probe[] = []
for (const [dest, members] of Object.entries(MEMBERSHIP))
  for (const e of ENTITIES) {
    const inIt = members.includes(e)
    matrix.push({
      name: `§5.2 entity ${e} ${inIt ? 'contains' : 'excludes'} ${dest}`,
      from: `shop/app=e-${e}@prod`,
      to: dest,
      // The init identity is itself default-deny on ingress (§3.1), so judge its egress side.
      expect: inIt && dest !== 'init' ? 'allowed' : 'denied',
      egress: inIt ? 'allowed' : 'denied',
      by: inIt ? ['egress', 'allow', `shop/to-${e}`, 'spec.egress[0]'] : ['egress', 'default-deny', `shop/to-${e}`, 'spec'],
    })
  }

describe('§5.2 entity membership table', () => {
  runSuite({ yaml, settings: { clusterName: 'prod' }, probes: matrix })
  runSuite({
    yaml,
    probes: [
      { name: '§5.2 cluster without a configured name: any pod counts', from: 'shop/app=e-cluster', to: 'other/app=x@elsewhere', expect: 'allowed', by: ['egress', 'allow', 'shop/to-cluster'] },
      { name: '§5.2 cluster never contains world', from: 'shop/app=e-cluster', to: '10.0.0.1', expect: 'denied', by: ['egress', 'default-deny', 'shop/to-cluster'] },
      { name: '§5.2 world contains a bare world identity (no IP)', from: 'shop/app=e-world', to: 'world', expect: 'allowed', by: ['egress', 'allow', 'shop/to-world'] },
      { name: '§5.2 world excludes in-cluster pods', from: 'shop/app=e-world', to: 'shop/app=y', expect: 'denied', by: ['egress', 'default-deny', 'shop/to-world'] },
      { name: '§9.34 host matches host alongside other labels', from: 'shop/app=e-host', to: 'labels:reserved:host,reserved:kube-apiserver', expect: 'allowed', by: ['egress', 'allow', 'shop/to-host'] },
      { name: '§1.4 an external apiserver IP is world and kube-apiserver', from: 'shop/app=e-kube-apiserver', to: 'labels:reserved:kube-apiserver,reserved:world', expect: 'allowed', by: ['egress', 'allow', 'shop/to-kube-apiserver'] },
      { name: '§1.4 an external apiserver IP is world', from: 'shop/app=e-world', to: 'labels:reserved:kube-apiserver,reserved:world', expect: 'allowed', by: ['egress', 'allow', 'shop/to-world'] },
    ],
  })
})

describe('§5.3 CIDR peers', () => {
  runSuite({
    yaml:
      cnp('shop', 'cidr', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toCIDR: [10.0.0.0/8]
          - toCIDRSet: [{cidr: 192.168.0.0/16, except: [192.168.1.0/24]}]
          - toCIDR: [203.0.113.5]
          - toCIDR: ["2001:db8::/32"]
          - toCIDR: ["::/0"]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
      `) +
      ccnp('group', `
        endpointSelector: {matchLabels: {app: g}}
        egress:
          - toCIDRSet: [{cidrGroupRef: partners}]
          - toCIDRSet: [{cidrGroupSelector: {matchLabels: {tier: payments}}, except: [100.64.9.0/24]}]
      `) +
      `---\napiVersion: cilium.io/v2alpha1\nkind: CiliumCIDRGroup\nmetadata: {name: partners}\nspec:\n  externalCIDRs: [198.51.100.0/24]\n` +
      `---\napiVersion: cilium.io/v2alpha1\nkind: CiliumCIDRGroup\nmetadata: {name: pay, labels: {tier: payments}}\nspec:\n  externalCIDRs: [100.64.0.0/16]\n`,
    probes: [
      { name: '§5.3 a CIDR matches an external address inside it', from: 'shop/app=a', to: '10.20.30.40', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[0]'] },
      { name: '§5.3 CIDR never matches pods, even inside the prefix', from: 'shop/app=a', to: 'shop/app=inside', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr', 'spec'] },
      { name: '§5.3 CIDR does not match the host', from: 'shop/app=a', to: 'host', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
      { name: '§5.3 CIDR does not match remote nodes', from: 'shop/app=a', to: 'node:10.0.0.5', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
      { name: '§5.3 CIDRSet inside the prefix', from: 'shop/app=a', to: '192.168.7.7', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[1]'] },
      { name: '§5.3 CIDRSet except subtracts', from: 'shop/app=a', to: '192.168.1.9', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
      { name: '§5.3 a bare IP is a /32: exact address', from: 'shop/app=a', to: '203.0.113.5', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[2]'] },
      { name: '§5.3 a bare IP is a /32: neighbour', from: 'shop/app=a', to: '203.0.113.6', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
      { name: '§5.3 an IPv6 CIDR matches an IPv6 address', from: 'shop/app=a', to: '2001:db8::1', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[3]'] },
      { name: '§5.3 ::/0 is IPv6 world: an IPv6 address on 443', from: 'shop/app=a', to: '2606:4700::1', port: 443, expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[4]'] },
      { name: '§5.3 ::/0 does not cover IPv4 world', from: 'shop/app=a', to: '8.8.8.8', port: 443, expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
      { name: '§1.2 a cidr: label identity inside the prefix matches', from: 'shop/app=a', to: 'labels:reserved:world,cidr:10.1.0.0/16', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[0]'] },
      { name: '§5.3 cidrGroupRef selects the group CIDRs', from: 'shop/app=g', to: '198.51.100.77', expect: 'allowed', by: ['egress', 'allow', 'group', 'spec.egress[0]'] },
      { name: '§5.3 cidrGroupSelector selects groups by label', from: 'shop/app=g', to: '100.64.1.1', expect: 'allowed', by: ['egress', 'allow', 'group', 'spec.egress[1]'] },
      { name: '§5.3 cidrGroupSelector with except', from: 'shop/app=g', to: '100.64.9.1', expect: 'denied', by: ['egress', 'default-deny', 'group', 'spec'] },
      { name: '§5.3 an address in no group', from: 'shop/app=g', to: '8.8.8.8', expect: 'denied', by: ['egress', 'default-deny', 'group'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'cidr', `
      endpointSelector: {matchLabels: {app: a}}
      egress:
        - toCIDR: [10.0.0.0/8]
    `),
    settings: { cidrMatchNodes: true },
    probes: [
      { name: '§5.3 policy-cidr-match-mode=nodes: CIDR matches a remote node IP', from: 'shop/app=a', to: 'node:10.0.0.5', expect: 'allowed', by: ['egress', 'allow', 'shop/cidr', 'spec.egress[0]'] },
      { name: '§5.3 policy-cidr-match-mode=nodes: still never pods', from: 'shop/app=a', to: 'shop/app=b', expect: 'denied', by: ['egress', 'default-deny', 'shop/cidr'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'world80', `
      endpointSelector: {matchLabels: {app: a}}
      egress:
        - toCIDR: [0.0.0.0/0]
          toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    `),
    probes: [
      { name: '§9.33 toCIDR 0.0.0.0/0 selects world', from: 'shop/app=a', to: 'world', port: 80, expect: 'allowed', by: ['egress', 'allow', 'shop/world80', 'spec.egress[0]'] },
      { name: '§9.33 toCIDR 0.0.0.0/0 selects any IPv4 address', from: 'shop/app=a', to: '44.1.2.3', port: 80, expect: 'allowed', by: ['egress', 'allow', 'shop/world80'] },
      { name: '§5.3 0.0.0.0/0 never matches pods', from: 'shop/app=a', to: 'shop/app=b', port: 80, expect: 'denied', by: ['egress', 'default-deny', 'shop/world80'] },
    ],
  })
})

describe('§5.5 toServices and §5.7 nodes', () => {
  runSuite({
    yaml:
      cnp('shop', 'svc', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toServices: [{k8sService: {serviceName: backend, namespace: shop}}]
          - toServices: [{k8sService: {serviceName: legacy-db, namespace: shop}}]
          - toServices: [{k8sServiceSelector: {selector: {matchLabels: {exposed: "yes"}}, namespace: tools}}]
      `) +
      ccnp('nodes', `
        endpointSelector: {matchLabels: {app: n}}
        egress:
          - toNodes: [{matchLabels: {role: storage}}]
      `),
    // fromNodes/toNodes are only accepted with enable-node-selector-labels (§5.7).
    settings: {
      enableNodeSelectorLabels: true,
      services: [
        { name: 'backend', namespace: 'shop', selector: { app: 'backend' } },
        { name: 'legacy-db', namespace: 'shop', selector: null, backendIPs: ['172.16.0.10'] },
        { name: 'grafana', namespace: 'tools', labels: { exposed: 'yes' }, selector: { app: 'grafana' } },
      ],
      nodes: [
        { name: 'n1', ip: '10.0.0.11', labels: { role: 'storage' } },
        { name: 'n2', ip: '10.0.0.12', labels: { role: 'compute' } },
      ],
    },
    probes: [
      { name: '§5.5 a service with a selector means its pods', from: 'shop/app=a', to: 'shop/app=backend', expect: 'allowed', by: ['egress', 'allow', 'shop/svc', 'spec.egress[0]'] },
      { name: '§5.5 service pods only in the service namespace', from: 'shop/app=a', to: 'other/app=backend', expect: 'denied', by: ['egress', 'default-deny', 'shop/svc'] },
      { name: '§5.5 a selector-less service means its backend IPs', from: 'shop/app=a', to: '172.16.0.10', expect: 'allowed', by: ['egress', 'allow', 'shop/svc', 'spec.egress[1]'] },
      { name: '§5.5 backend IPs never select pods', from: 'shop/app=a', to: 'labels:k8s:io.kubernetes.pod.namespace=shop,k8s:app=legacy', expect: 'denied', by: ['egress', 'default-deny', 'shop/svc'] },
      { name: '§5.5 k8sServiceSelector matches service labels', from: 'shop/app=a', to: 'tools/app=grafana', expect: 'allowed', by: ['egress', 'allow', 'shop/svc', 'spec.egress[2]'] },
      { name: '§5.7 toNodes matches a remote node with the labels', from: 'shop/app=n', to: 'node:10.0.0.11', expect: 'allowed', by: ['egress', 'allow', 'nodes', 'spec.egress[0]'] },
      { name: '§5.7 toNodes excludes other nodes', from: 'shop/app=n', to: 'node:10.0.0.12', expect: 'denied', by: ['egress', 'default-deny', 'nodes', 'spec'] },
      { name: '§5.7 toNodes never matches the local host', from: 'shop/app=n', to: 'host', expect: 'denied', by: ['egress', 'default-deny', 'nodes'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'svc', `
      endpointSelector: {matchLabels: {app: a}}
      egress:
        - toServices: [{k8sService: {serviceName: backend, namespace: shop}}]
    `),
    probes: [
      { name: '§5.5 without a service inventory toServices matches nothing', from: 'shop/app=a', to: 'shop/app=backend', expect: 'denied', by: ['egress', 'default-deny', 'shop/svc'] },
    ],
  })
})
