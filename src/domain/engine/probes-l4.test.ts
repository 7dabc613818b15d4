/** Probes for L4 (§6): ports, ranges, named ports, protocols and ICMP; KNP translation (§8). */
import { describe } from 'vitest'
import { cnp, knp, runSuite } from './test-harness.ts'

describe('§6 ports and protocols', () => {
  runSuite({
    yaml:
      cnp('shop', 'ports', `
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "8000", endPort: 8010, protocol: TCP}, {port: "53", protocol: ANY}]}]
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "http-alt"}]}]
          - fromEndpoints: [{matchLabels: {app: sctp}}]
            toPorts: [{ports: [{port: "9999", protocol: SCTP}]}]
          - fromEndpoints: [{matchLabels: {app: any0}}]
            toPorts: [{ports: [{port: "0", protocol: UDP}]}]
          - fromEndpoints: [{matchLabels: {app: pinger}}]
            icmps: [{fields: [{type: 8, family: IPv4}, {type: EchoRequest, family: IPv6}]}]
          - fromEndpoints: [{matchLabels: {app: l3}}]
      `) +
      cnp('shop', 'l3-plus-l4', `
        endpointSelector: {matchLabels: {app: c}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: a}}]
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
      `),
    probes: [
      { name: '§6.1 endPort range: lower bound', from: 'shop/app=web', to: 'shop/app=api', port: 8000, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[0]'] },
      { name: '§6.1 endPort range: upper bound is inclusive', from: 'shop/app=web', to: 'shop/app=api', port: 8010, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[0]'] },
      { name: '§6.1 endPort range: one past the end', from: 'shop/app=web', to: 'shop/app=api', port: 8011, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports', 'spec'] },
      { name: '§6.1 endPort range applies to its protocol only', from: 'shop/app=web', to: 'shop/app=api', port: 8005, proto: 'UDP', expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.3 ANY covers UDP', from: 'shop/app=web', to: 'shop/app=api', port: 53, proto: 'UDP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[0]'] },
      { name: '§6.3 ANY covers TCP', from: 'shop/app=web', to: 'shop/app=api', port: 53, proto: 'TCP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[0]'] },
      { name: '§6.3 ANY covers SCTP', from: 'shop/app=web', to: 'shop/app=api', port: 53, proto: 'SCTP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[0]'] },
      { name: '§6.3 ANY never covers ICMP', from: 'shop/app=web', to: 'shop/app=api', proto: 'ICMPv4', icmp: 8, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.2 a named port resolves against the destination pod', from: 'shop/app=web', to: 'shop/app=api#http-alt=8081/TCP', port: 8081, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[1]'] },
      { name: '§6.2 a named port does not cover other ports', from: 'shop/app=web', to: 'shop/app=api#http-alt=8081/TCP', port: 8082, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.2 an unresolvable named port allows nothing', from: 'shop/app=web', to: 'shop/app=api', port: 8081, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.2 a named port bound to another protocol allows nothing', from: 'shop/app=web', to: 'shop/app=api#http-alt=8081/UDP', port: 8081, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.3 SCTP port', from: 'shop/app=sctp', to: 'shop/app=api', port: 9999, proto: 'SCTP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[2]'] },
      { name: '§6.3 SCTP rule does not cover TCP', from: 'shop/app=sctp', to: 'shop/app=api', port: 9999, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.1 port 0 means every port of the protocol', from: 'shop/app=any0', to: 'shop/app=api', port: 31337, proto: 'UDP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[3]'] },
      { name: '§6.1 port 0/UDP does not cover TCP', from: 'shop/app=any0', to: 'shop/app=api', port: 31337, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.4 icmps by number (IPv4 echo)', from: 'shop/app=pinger', to: 'shop/app=api', proto: 'ICMPv4', icmp: 8, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[4]'] },
      { name: '§6.4 icmps by CamelCase name (IPv6 EchoRequest = 128)', from: 'shop/app=pinger', to: 'shop/app=api', proto: 'ICMPv6', icmp: 128, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[4]'] },
      { name: '§6.4 icmps: another type is denied', from: 'shop/app=pinger', to: 'shop/app=api', proto: 'ICMPv4', icmp: 13, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.4 icmps: family matters (type 8 on ICMPv6)', from: 'shop/app=pinger', to: 'shop/app=api', proto: 'ICMPv6', icmp: 8, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.4 icmps do not open TCP', from: 'shop/app=pinger', to: 'shop/app=api', port: 80, expect: 'denied', by: ['ingress', 'default-deny', 'shop/ports'] },
      { name: '§6.3 an L3-only rule allows ICMP', from: 'shop/app=l3', to: 'shop/app=api', proto: 'ICMPv4', icmp: 0, expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[5]'] },
      { name: '§6.3 an L3-only rule allows every port', from: 'shop/app=l3', to: 'shop/app=api', port: 65535, proto: 'UDP', expect: 'allowed', by: ['ingress', 'allow', 'shop/ports', 'spec.ingress[5]'] },
      { name: '§9.19 an L3-only allow is not narrowed by a port rule: port 90', from: 'shop/app=a', to: 'shop/app=c', port: 90, expect: 'allowed', by: ['ingress', 'allow', 'shop/l3-plus-l4', 'spec.ingress[0]'] },
      { name: '§9.19 an L3-only allow plus a port rule: port 80 lists both', from: 'shop/app=a', to: 'shop/app=c', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/l3-plus-l4', 'spec.ingress[0]'] },
    ],
  })
  runSuite({
    yaml:
      cnp('shop', 'r1', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
        egressDeny:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "1", endPort: 1024, protocol: TCP}]}]
      `) +
      cnp('shop', 'r2', `
        endpointSelector: {matchLabels: {app: a2}}
        egress:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "1", endPort: 1024, protocol: TCP}]}]
        egressDeny:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
      `) +
      cnp('shop', 'r3', `
        endpointSelector: {matchLabels: {app: a3}}
        egress:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "80", endPort: 90, protocol: TCP}, {port: "90", endPort: 100, protocol: TCP}]}]
        egressDeny:
          - toEndpoints: [{matchLabels: {app: b}}]
            toPorts: [{ports: [{port: "85", endPort: 95, protocol: TCP}]}]
      `),
    probes: [
      { name: '§9.31 allow 80 + deny 1-1024: 80 denied', from: 'shop/app=a', to: 'shop/app=b', port: 80, expect: 'denied', by: ['egress', 'deny', 'shop/r1', 'spec.egressDeny[0]'] },
      { name: '§9.31 allow 80 + deny 1-1024: 1024 denied', from: 'shop/app=a', to: 'shop/app=b', port: 1024, expect: 'denied', by: ['egress', 'deny', 'shop/r1', 'spec.egressDeny[0]'] },
      { name: '§9.31 allow 80 + deny 1-1024: 1025 denied by default deny', from: 'shop/app=a', to: 'shop/app=b', port: 1025, expect: 'denied', by: ['egress', 'default-deny', 'shop/r1', 'spec'] },
      { name: '§9.31 deny 80 + allow 1-1024: 1 allowed', from: 'shop/app=a2', to: 'shop/app=b', port: 1, expect: 'allowed', by: ['egress', 'allow', 'shop/r2', 'spec.egress[0]'] },
      { name: '§9.31 deny 80 + allow 1-1024: 80 denied', from: 'shop/app=a2', to: 'shop/app=b', port: 80, expect: 'denied', by: ['egress', 'deny', 'shop/r2', 'spec.egressDeny[0]'] },
      { name: '§9.31 deny 80 + allow 1-1024: 1024 allowed', from: 'shop/app=a2', to: 'shop/app=b', port: 1024, expect: 'allowed', by: ['egress', 'allow', 'shop/r2'] },
      { name: '§9.31 deny 80 + allow 1-1024: 1025 denied', from: 'shop/app=a2', to: 'shop/app=b', port: 1025, expect: 'denied', by: ['egress', 'default-deny', 'shop/r2'] },
      { name: '§9.31 overlapping allows with a deny inside: 84 allowed', from: 'shop/app=a3', to: 'shop/app=b', port: 84, expect: 'allowed', by: ['egress', 'allow', 'shop/r3', 'spec.egress[0]'] },
      { name: '§9.31 overlapping allows with a deny inside: 85 denied', from: 'shop/app=a3', to: 'shop/app=b', port: 85, expect: 'denied', by: ['egress', 'deny', 'shop/r3', 'spec.egressDeny[0]'] },
      { name: '§9.31 overlapping allows with a deny inside: 95 denied', from: 'shop/app=a3', to: 'shop/app=b', port: 95, expect: 'denied', by: ['egress', 'deny', 'shop/r3'] },
      { name: '§9.31 overlapping allows with a deny inside: 96 allowed', from: 'shop/app=a3', to: 'shop/app=b', port: 96, expect: 'allowed', by: ['egress', 'allow', 'shop/r3'] },
      { name: '§9.31 overlapping allows with a deny inside: 101 denied', from: 'shop/app=a3', to: 'shop/app=b', port: 101, expect: 'denied', by: ['egress', 'default-deny', 'shop/r3'] },
    ],
  })
})

describe('§8 Kubernetes NetworkPolicy', () => {
  runSuite({
    yaml:
      knp('shop', 'allow-all', `
        podSelector: {matchLabels: {app: open}}
        ingress:
          - {}
      `) +
      knp('shop', 'mixed', `
        podSelector: {matchLabels: {app: db}}
        policyTypes: [Ingress, Egress]
        ingress:
          - from:
              - podSelector: {matchLabels: {app: api}}
                namespaceSelector: {matchLabels: {env: prod}}
              - ipBlock: {cidr: 10.0.0.0/8, except: [10.9.0.0/16]}
            ports:
              - port: 5432
          - from:
              - namespaceSelector: {}
            ports:
              - {port: 9000, endPort: 9010, protocol: UDP}
          - from:
              - podSelector: {matchLabels: {app: local}}
      `),
    probes: [
      { name: '§9.47 a KNP with one empty ingress rule allows everything: world', from: '8.8.8.8', to: 'shop/app=open', expect: 'allowed', by: ['ingress', 'allow', 'shop/allow-all', 'spec.ingress[0]'] },
      { name: '§8.3 a KNP empty rule is the true wildcard: remote nodes too', from: 'remote-node', to: 'shop/app=open', expect: 'allowed', by: ['ingress', 'allow', 'shop/allow-all'] },
      { name: '§9.48 KNP pod+namespace selectors are ANDed: both match', from: 'ledger[env=prod]/app=api', to: 'shop/app=db', port: 5432, expect: 'allowed', by: ['ingress', 'allow', 'shop/mixed', 'spec.ingress[0]'] },
      { name: '§9.48 KNP pod+namespace selectors are ANDed: wrong namespace labels', from: 'ledger[env=dev]/app=api', to: 'shop/app=db', port: 5432, expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed', 'spec'] },
      { name: '§8.4 KNP ports default to TCP', from: 'ledger[env=prod]/app=api', to: 'shop/app=db', port: 5432, proto: 'UDP', expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.2 ipBlock matches an address in the block', from: '10.1.2.3', to: 'shop/app=db', port: 5432, expect: 'allowed', by: ['ingress', 'allow', 'shop/mixed', 'spec.ingress[0]'] },
      { name: '§8.2 ipBlock except', from: '10.9.1.1', to: 'shop/app=db', port: 5432, expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.2 ipBlock never matches pods', from: 'labels:k8s:io.kubernetes.pod.namespace=x,k8s:app=y', to: 'shop/app=db', port: 5432, expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.2 empty namespaceSelector: all pods in all namespaces', from: 'far/app=x', to: 'shop/app=db', port: 9005, proto: 'UDP', expect: 'allowed', by: ['ingress', 'allow', 'shop/mixed', 'spec.ingress[1]'] },
      { name: '§8.2 empty namespaceSelector never matches world', from: '1.2.3.4', to: 'shop/app=db', port: 9005, proto: 'UDP', expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.4 KNP endPort is honoured', from: 'far/app=x', to: 'shop/app=db', port: 9011, proto: 'UDP', expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.2 a podSelector-only peer is the policy namespace', from: 'shop/app=local', to: 'shop/app=db', port: 1, expect: 'allowed', by: ['ingress', 'allow', 'shop/mixed', 'spec.ingress[2]'] },
      { name: '§8.2 a podSelector-only peer excludes other namespaces', from: 'other/app=local', to: 'shop/app=db', port: 1, expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed'] },
      { name: '§8.5 policyTypes Egress without egress rules: egress default deny', from: 'shop/app=db', to: '1.1.1.1', expect: 'denied', by: ['egress', 'default-deny', 'shop/mixed', 'spec'] },
    ],
  })
})

describe('review fixes: empty port lists and namespace expressions on a CNP subject', () => {
  runSuite({
    yaml:
      cnp('shop', 'empty-ports', `
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: []}]
      `) +
      cnp('shop', 'ns-expression', `
        endpointSelector:
          matchLabels: {app: lone}
          matchExpressions: [{key: "k8s:io.kubernetes.pod.namespace", operator: NotIn, values: [shop]}]
        ingress: [{}]
      `),
    probes: [
      // Cilium merges one filter per listed port: an entry listing none allows nothing.
      { name: '§6.1 a toPorts entry with no ports allows nothing', from: 'shop/app=web', to: 'shop/app=api', port: 80, expect: 'denied', by: ['ingress', 'default-deny', 'shop/empty-ports'] },
      // §2.3: the pinned namespace is ANDed with a namespace expression, so nothing is selected.
      { name: '§2.3 a namespace expression on a CNP subject is kept (selects nothing here)', from: 'shop/app=web', to: 'shop/app=lone', port: 80, expect: 'allowed', by: ['ingress', 'unenforced'] },
    ],
  })
})
