/** Probes for enforcement, both sides, replies, localhost and audit (§3) and deny rules (§4). */
import { describe } from 'vitest'
import { ccnp, cnp, knp, runSuite } from './test-harness.ts'

const base =
  cnp('shop', 'api', `
    endpointSelector: {matchLabels: {app: api}}
    ingress:
      - fromEndpoints: [{matchLabels: {app: web}}]
        toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
  `) +
  cnp('shop', 'web-out', `
    endpointSelector: {matchLabels: {app: web}}
    egress:
      - toEndpoints: [{matchLabels: {app: api}}]
        toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
  `)

describe('§3.1 enforcement modes and the init identity', () => {
  runSuite({
    yaml: base,
    probes: [
      { name: '§3.5 both sides allow', from: 'shop/app=web', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['egress', 'allow', 'shop/web-out', 'spec.egress[0]'], ingress: 'allowed' },
      { name: '§3.1 default mode: an unselected endpoint is not enforced', from: 'shop/app=x', to: 'shop/app=y', expect: 'allowed', by: ['egress', 'unenforced'], egress: 'unenforced', ingress: 'unenforced' },
      { name: '§3.2 ingress enforced only where selected: egress side of api unenforced', from: 'shop/app=api', to: '1.1.1.1', expect: 'allowed', by: ['egress', 'unenforced'] },
      { name: '§3.5 egress denies although ingress would allow', from: 'shop/app=web', to: 'shop/app=api', port: 9090, expect: 'denied', by: ['egress', 'default-deny', 'shop/web-out', 'spec'] },
      { name: '§3.5 destination ingress denies a source with unenforced egress', from: 'shop/app=x', to: 'shop/app=api', port: 8080, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api', 'spec'], egress: 'unenforced' },
      { name: '§3.5 a world source is only checked at the destination ingress', from: '198.51.100.1', to: 'shop/app=api', port: 8080, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api'], egress: 'n/a' },
      { name: '§3.5 a world destination is only checked at the source egress', from: 'shop/app=web', to: '198.51.100.1', port: 443, expect: 'denied', by: ['egress', 'default-deny', 'shop/web-out'], ingress: 'n/a' },
      { name: '§3.6 replies pass whatever the policy', from: 'shop/app=api', to: 'shop/app=web', port: 40000, reply: true, expect: 'allowed', by: ['egress', 'reply'] },
      { name: '§3.6 a reply to a world client passes a default-deny egress', from: 'shop/app=web', to: '198.51.100.1', port: 51000, reply: true, expect: 'allowed', by: ['ingress', 'reply'] },
      { name: '§3.1 the init identity is default-deny with no policy at all', from: 'init', to: '8.8.8.8', port: 53, proto: 'UDP', expect: 'denied', by: ['egress', 'default-deny', ''] },
      { name: '§3.1 the init identity is default-deny on ingress too', from: 'shop/app=x', to: 'init', expect: 'denied', by: ['ingress', 'default-deny', ''] },
      { name: '§3.4 host reaches a pod with default-deny ingress (allow-localhost)', from: 'host', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['ingress', 'localhost'] },
      { name: '§3.4 host reaches a pod on any port (kubelet probes)', from: 'host', to: 'shop/app=api', port: 10254, expect: 'allowed', by: ['ingress', 'localhost'] },
      { name: '§3.4 remote-node gets no localhost exception', from: 'remote-node', to: 'shop/app=api', port: 8080, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api'] },
      { name: '§2.1 host egress is not evaluated without the host firewall', from: 'host', to: '8.8.8.8', expect: 'allowed', by: ['egress', 'unenforced'], egress: 'n/a' },
    ],
  })
  runSuite({
    yaml: base,
    settings: { enforcementMode: 'always' },
    probes: [
      { name: '§3.1 always: an unselected endpoint is default-deny on egress', from: 'shop/app=x', to: 'shop/app=y', expect: 'denied', by: ['egress', 'default-deny', ''] },
      { name: '§3.1 always: an unselected endpoint is default-deny on ingress', from: '8.8.8.8', to: 'shop/app=y', expect: 'denied', by: ['ingress', 'default-deny', ''] },
      { name: '§3.1 always: allows still apply on both sides', from: 'shop/app=web', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] },
      { name: '§3.1 always: the api egress is default-deny with no egress rules', from: 'shop/app=api', to: 'shop/app=web', port: 8080, expect: 'denied', by: ['egress', 'default-deny', ''] },
    ],
  })
  runSuite({
    yaml: base + ccnp('deny-web', `
      endpointSelector: {matchLabels: {app: api}}
      ingressDeny:
        - fromEndpoints: [{matchLabels: {app: web}}]
    `),
    settings: { enforcementMode: 'never' },
    probes: [
      { name: '§3.1 never: nothing is enforced, not even denies', from: 'shop/app=web', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['ingress', 'unenforced'], egress: 'unenforced', ingress: 'unenforced' },
      { name: '§3.1 never: the init identity is not enforced either', from: 'init', to: '8.8.8.8', expect: 'allowed', by: ['egress', 'unenforced'] },
    ],
  })
  runSuite({
    yaml: ccnp('init-dns', `
      endpointSelector: {matchLabels: {reserved:init: ""}}
      egress:
        - toEntities: [world]
          toPorts: [{ports: [{port: "443", protocol: TCP}]}]
    `),
    probes: [
      { name: '§3.1 an init policy opens what it allows', from: 'init', to: '8.8.8.8', port: 443, expect: 'allowed', by: ['egress', 'allow', 'init-dns', 'spec.egress[0]'] },
      { name: '§3.1 an init policy keeps the rest denied', from: 'init', to: '8.8.8.8', port: 80, expect: 'denied', by: ['egress', 'default-deny'] },
    ],
  })
})

describe('§3.2 default deny and enableDefaultDeny', () => {
  runSuite({
    yaml:
      cnp('shop', 'deny-only', `
        endpointSelector: {matchLabels: {app: api}}
        ingressDeny:
          - fromEndpoints: [{matchLabels: {app: bad}}]
      `) +
      cnp('shop', 'soft', `
        endpointSelector: {matchLabels: {app: soft}}
        enableDefaultDeny: {ingress: false, egress: false}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
        egressDeny:
          - toEntities: [world]
            toPorts: [{ports: [{port: "25", protocol: TCP}]}]
      `) +
      cnp('shop', 'mixed-a', `
        endpointSelector: {matchLabels: {app: mixed}}
        enableDefaultDeny: {ingress: false}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
      `) +
      cnp('shop', 'mixed-b', `
        endpointSelector: {matchLabels: {app: mixed}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: admin}}]
      `) +
      knp('shop', 'knp-soft-impossible', `
        podSelector: {matchLabels: {app: k}}
        policyTypes: [Ingress]
      `),
    probes: [
      { name: '§3.2 a deny-only policy turns on default deny for other peers', from: 'shop/app=good', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'default-deny', 'shop/deny-only', 'spec'] },
      { name: '§4.2 a deny-only policy denies its peer explicitly', from: 'shop/app=bad', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'deny', 'shop/deny-only', 'spec.ingressDeny[0]'] },
      { name: '§3.2 a deny-only policy even blocks world', from: '1.2.3.4', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'default-deny', 'shop/deny-only'] },
      { name: '§3.2 enableDefaultDeny false: an unmatched peer is allowed', from: 'shop/app=other', to: 'shop/app=soft', port: 9000, expect: 'allowed', by: ['ingress', 'allow', ''] },
      { name: '§3.2 enableDefaultDeny false: a matching allow is reported', from: 'shop/app=web', to: 'shop/app=soft', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/soft', 'spec.ingress[0]'] },
      { name: '§3.2 enableDefaultDeny false: explicit denies still bite', from: 'shop/app=soft', to: '9.9.9.9', port: 25, expect: 'denied', by: ['egress', 'deny', 'shop/soft', 'spec.egressDeny[0]'] },
      { name: '§3.2 enableDefaultDeny false: other egress stays open', from: 'shop/app=soft', to: '9.9.9.9', port: 443, expect: 'allowed', by: ['egress', 'allow', ''] },
      { name: '§3.2 one default-deny rule beats a default-allow one (§9.32)', from: 'shop/app=other', to: 'shop/app=mixed', expect: 'denied', by: ['ingress', 'default-deny', 'shop/mixed-b', 'spec'] },
      { name: '§3.2 mixed default deny: allows from either rule apply', from: 'shop/app=web', to: 'shop/app=mixed', expect: 'allowed', by: ['ingress', 'allow', 'shop/mixed-a', 'spec.ingress[0]'] },
      { name: '§8.5 KNP policyTypes [Ingress] alone is ingress default deny (§9.47)', from: 'shop/app=x', to: 'shop/app=k', expect: 'denied', by: ['ingress', 'default-deny', 'shop/knp-soft-impossible', 'spec'] },
      { name: '§8.5 KNP policyTypes [Ingress] leaves egress alone', from: 'shop/app=k', to: '1.1.1.1', expect: 'allowed', by: ['egress', 'unenforced'] },
    ],
  })
})

describe('§3.4 local host and §3.7 audit', () => {
  runSuite({
    yaml:
      base +
      cnp('shop', 'no-host', `
        endpointSelector: {matchLabels: {app: api}}
        ingressDeny:
          - fromEntities: [host]
            toPorts: [{ports: [{port: "9100", protocol: TCP}]}]
      `),
    probes: [
      { name: '§3.4 an explicit deny for host still wins over allow-localhost', from: 'host', to: 'shop/app=api', port: 9100, expect: 'denied', by: ['ingress', 'deny', 'shop/no-host', 'spec.ingressDeny[0]'] },
      { name: '§3.4 host on another port is still allowed', from: 'host', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['ingress', 'localhost'] },
    ],
  })
  runSuite({
    yaml: base,
    settings: { allowLocalhost: 'policy' },
    probes: [
      { name: '§3.4 allow-localhost=policy: host is subject to default deny', from: 'host', to: 'shop/app=api', port: 8080, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api'] },
    ],
  })
  runSuite({
    yaml: base,
    settings: { auditMode: true },
    probes: [
      { name: '§3.7 global audit: a default-deny drop becomes audit', from: 'shop/app=x', to: 'shop/app=api', port: 8080, expect: 'audit', by: ['ingress', 'default-deny', 'shop/api', 'spec'], ingress: 'audit' },
      { name: '§3.7 global audit: allowed flows stay allowed', from: 'shop/app=web', to: 'shop/app=api', port: 8080, expect: 'allowed', by: ['ingress', 'allow', 'shop/api'] },
      { name: '§3.7 audit only matters where enforced: unselected stays allowed', from: 'shop/app=x', to: 'shop/app=y', expect: 'allowed', by: ['egress', 'unenforced'] },
      { name: '§3.7 global audit: egress deny of the source becomes audit', from: 'shop/app=web', to: '1.1.1.1', port: 443, expect: 'audit', by: ['egress', 'default-deny', 'shop/web-out'], egress: 'audit' },
    ],
  })
  runSuite({
    yaml: base + cnp('shop', 'deny-x', `
      endpointSelector: {matchLabels: {app: api}}
      ingressDeny:
        - fromEndpoints: [{matchLabels: {app: evil}}]
    `),
    probes: [
      { name: '§3.7 per-endpoint audit on the destination turns its deny into audit', from: 'shop/app=x', to: 'shop/app=api!audit', port: 8080, expect: 'audit', by: ['ingress', 'default-deny', 'shop/api'] },
      { name: '§3.7 audit also covers explicit denies', from: 'shop/app=evil', to: 'shop/app=api!audit', port: 8080, expect: 'audit', by: ['ingress', 'deny', 'shop/deny-x', 'spec.ingressDeny[0]'] },
      { name: '§3.7 audit on the source does not cover the destination ingress', from: 'shop/app=x!audit', to: 'shop/app=api', port: 8080, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api'] },
      { name: '§3.7 audit on the source covers its own egress', from: 'shop/app=web!audit', to: '1.1.1.1', port: 443, expect: 'audit', by: ['egress', 'default-deny', 'shop/web-out'] },
      { name: '§3.7 an audited egress and a denied ingress: denied wins', from: 'shop/app=web!audit', to: 'shop/app=api', port: 9090, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api'], egress: 'audit' },
    ],
  })
})

describe('§4 deny rules', () => {
  runSuite({
    yaml:
      cnp('shop', 'allow-all-in', `
        endpointSelector: {matchLabels: {app: b}}
        ingress:
          - fromEntities: [all]
      `) +
      ccnp('cc-deny', `
        endpointSelector: {matchLabels: {app: b}}
        ingressDeny:
          - fromEndpoints: [{matchLabels: {app: a, io.kubernetes.pod.namespace: shop}}]
      `) +
      cnp('shop', 'a-out', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toEntities: [all]
        egressDeny:
          - toEndpoints: [{matchLabels: {app: b}}]
          - toEndpoints: [{matchLabels: {app: c}}]
            toPorts: [{ports: [{port: "22", protocol: TCP}]}]
      `) +
      knp('shop', 'knp-allow', `
        podSelector: {matchLabels: {app: k}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: a}}}]
      `) +
      cnp('shop', 'cnp-deny-k', `
        endpointSelector: {matchLabels: {app: k}}
        ingressDeny:
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
      `),
    probes: [
      { name: '§9.28 allow from all plus CCNP deny from A: A→B denied', from: 'shop/app=a', to: 'shop/app=b', expect: 'denied', by: ['egress', 'deny', 'shop/a-out', 'spec.egressDeny[0]'], ingress: 'denied' },
      { name: '§9.28 ingress deny from a CCNP beats a CNP allow', from: 'shop/app=x', to: 'shop/app=b', expect: 'allowed', by: ['ingress', 'allow', 'shop/allow-all-in', 'spec.ingress[0]'] },
      { name: '§9.28 the CCNP deny is reported on the B side', from: 'shop/app=a', to: 'shop/app=b', port: 1, expect: 'denied', by: ['ingress', 'deny', 'cc-deny', 'spec.ingressDeny[0]'] },
      { name: '§9.28 egress allow to all, deny to B: A→C allowed', from: 'shop/app=a', to: 'shop/app=c', expect: 'allowed', by: ['egress', 'allow', 'shop/a-out', 'spec.egress[0]'] },
      { name: '§9.28 egress allow to all: A→world allowed', from: 'shop/app=a', to: '8.8.4.4', expect: 'allowed', by: ['egress', 'allow', 'shop/a-out', 'spec.egress[0]'] },
      { name: '§4.2 a port-scoped deny denies its port', from: 'shop/app=a', to: 'shop/app=c', port: 22, expect: 'denied', by: ['egress', 'deny', 'shop/a-out', 'spec.egressDeny[1]'] },
      { name: '§4.2 a port-scoped deny leaves other ports allowed', from: 'shop/app=a', to: 'shop/app=c', port: 23, expect: 'allowed', by: ['egress', 'allow', 'shop/a-out'] },
      { name: '§8.6 a KNP allow is unioned with CNP rules', from: 'shop/app=a', to: 'shop/app=k', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/knp-allow', 'spec.ingress[0]'] },
      { name: '§8.6 a CNP deny beats a KNP allow', from: 'shop/app=a', to: 'shop/app=k', port: 443, expect: 'denied', by: ['ingress', 'deny', 'shop/cnp-deny-k', 'spec.ingressDeny[0]'] },
    ],
  })
  runSuite({
    yaml:
      cnp('shop', 'allowception', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toCIDR: [0.0.0.0/0]
        egressDeny:
          - toCIDRSet: [{cidr: 1.0.0.0/8, except: [1.1.1.1/32]}]
      `) +
      ccnp('deny-world', `
        endpointSelector: {}
        ingress:
          - fromEntities: [all]
        ingressDeny:
          - fromEntities: [world]
        egressDeny:
          - toEntities: [world]
        egress:
          - toCIDR: [5.5.5.5/32]
      `),
    probes: [
      { name: '§9.29 allow 0.0.0.0/0 plus deny 1.0.0.0/8: 1.2.3.4 denied', from: 'shop/app=a', to: '1.2.3.4', expect: 'denied', by: ['egress', 'deny', 'shop/allowception', 'spec.egressDeny[0]'] },
      { name: '§4.3 except inside a deny re-opens a hole: 1.1.1.1 passes the CNP deny', from: 'shop/app=z', to: '1.1.1.1', expect: 'denied', by: ['egress', 'deny', 'deny-world', 'spec.egressDeny[0]'] },
      { name: '§9.30 deny world beats a specific CIDR allow', from: 'shop/app=z', to: '5.5.5.5', expect: 'denied', by: ['egress', 'deny', 'deny-world', 'spec.egressDeny[0]'] },
      { name: '§9.30 deny world on ingress covers CIDR identities', from: '10.1.2.3', to: 'shop/app=z', expect: 'denied', by: ['ingress', 'deny', 'deny-world', 'spec.ingressDeny[0]'] },
      { name: '§9.30 pod→pod: ingress allowed by all, but the egress section makes egress default-deny', from: 'shop/app=q', to: 'shop/app=z', expect: 'denied', by: ['egress', 'default-deny', 'deny-world', 'spec'], ingress: 'allowed' },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'allowception', `
        endpointSelector: {matchLabels: {app: a}}
        egress:
          - toCIDR: [0.0.0.0/0]
        egressDeny:
          - toCIDRSet: [{cidr: 1.0.0.0/8, except: [1.1.1.1/32]}]
      `),
    probes: [
      { name: '§9.29 the except hole: 1.1.1.1 allowed', from: 'shop/app=a', to: '1.1.1.1', expect: 'allowed', by: ['egress', 'allow', 'shop/allowception', 'spec.egress[0]'] },
      { name: '§9.29 world outside the deny is allowed', from: 'shop/app=a', to: '8.8.8.8', expect: 'allowed', by: ['egress', 'allow', 'shop/allowception', 'spec.egress[0]'] },
      { name: '§9.29 the 1.0.0.0/8 identity itself is denied', from: 'shop/app=a', to: 'labels:reserved:world,cidr:1.0.0.0/8', expect: 'denied', by: ['egress', 'deny', 'shop/allowception', 'spec.egressDeny[0]'] },
      { name: '§9.29 no ingress section: ingress stays allow-all', from: '1.2.3.4', to: 'shop/app=a', expect: 'allowed', by: ['ingress', 'unenforced'] },
    ],
  })
})
