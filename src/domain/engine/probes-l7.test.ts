/** Probes for L7 (§7): HTTP, Kafka, DNS, and the merging rules of §7.6 and §3.3. */
import { describe } from 'vitest'
import { ccnp, cnp, runSuite } from './test-harness.ts'

describe('§7.2 HTTP', () => {
  runSuite({
    yaml: cnp('shop', 'http', `
      endpointSelector: {matchLabels: {app: api}}
      ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts:
            - ports: [{port: "80", protocol: TCP}]
              rules:
                http:
                  - {method: GET, path: "/public"}
                  - {method: "POST|PUT", path: "/api/v1/orders.*"}
                  - {method: GET, path: "/admin.*", headers: ["X-Admin", "X-Team: blue"]}
                  - {path: "/hosted", host: "shop\\\\.example\\\\.com(:[0-9]+)?"}
                  - {path: "/secret", headerMatches: [{name: X-Token, value: abc}]}
                  - {path: "/logged", headerMatches: [{name: X-Token, value: abc, mismatch: LOG}]}
                  - {method: POST, path: "/shop.Cart/AddItem"}
        - fromEndpoints: [{matchLabels: {app: bad-regex}}]
          toPorts:
            - ports: [{port: "81", protocol: TCP}]
              rules:
                http: [{path: "/(a"}]
    `),
    settings: { auditMode: true },
    probes: [
      { name: '§7.2 method and path full match', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /public', expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[0]'] },
      { name: '§7.2 the path regex is anchored: /public/x needs .*', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /public/x', expect: 'denied', by: ['l7', 'default-deny', 'shop/http', 'spec.ingress[0].toPorts[0].rules'] },
      { name: '§7.2 the query string is part of :path', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /public?x=1', expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 method is a regex: PUT matches POST|PUT', from: 'shop/app=web', to: 'shop/app=api', http: 'PUT /api/v1/orders/7', expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[1]'] },
      { name: '§7.2 method matching is case-sensitive', from: 'shop/app=web', to: 'shop/app=api', http: 'get /public', expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 headers: presence and exact value both present', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /admin/users', headers: { 'x-admin': '1', 'X-Team': 'blue' }, expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[2]'] },
      { name: '§7.2 headers: wrong value', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /admin/users', headers: { 'X-Admin': '1', 'X-Team': 'red' }, expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 headers: missing header', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /admin/users', headers: { 'X-Team': 'blue' }, expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 host matches :authority with port', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /hosted', host: 'shop.example.com:8080', expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[3]'] },
      { name: '§7.2 host mismatch', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /hosted', host: 'evil.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 headerMatches value: exact', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /secret', headers: { 'X-Token': 'abc' }, expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[4]'] },
      { name: '§7.2 headerMatches value: mismatch fails', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /secret', headers: { 'X-Token': 'abd' }, expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§7.2 headerMatches with mismatch LOG keeps the rule matching', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /logged', headers: { 'X-Token': 'nope' }, expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[5]'] },
      { name: '§7.2 gRPC is HTTP POST to /pkg.Service/Method', from: 'shop/app=web', to: 'shop/app=api', http: 'POST /shop.Cart/AddItem', expect: 'allowed', by: ['l7', 'allow', 'shop/http', 'spec.ingress[0].toPorts[0].rules.http[6]'] },
      { name: '§7.2 another gRPC method is denied', from: 'shop/app=web', to: 'shop/app=api', http: 'POST /shop.Cart/Empty', expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§3.7 an L7 denial stays denied in audit mode', from: 'shop/app=web', to: 'shop/app=api', http: 'DELETE /public', expect: 'denied', by: ['l7', 'default-deny', 'shop/http'] },
      { name: '§3.7 L3/L4 in audit mode: a peer without a rule is audit', from: 'shop/app=other', to: 'shop/app=api', http: 'GET /public', expect: 'audit', by: ['ingress', 'default-deny', 'shop/http', 'spec'] },
      { name: '§7.2 an invalid regex never matches', from: 'shop/app=bad-regex', to: 'shop/app=api', port: 81, http: 'GET /(a', expect: 'denied', by: ['l7', 'default-deny', 'shop/http', 'spec.ingress[1].toPorts[0].rules'] },
      { name: '§7.1 a flow without L7 data is judged at L3/L4 only', from: 'shop/app=web', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/http', 'spec.ingress[0]'] },
    ],
  })
})

describe('§7.6 merging L7 across rules', () => {
  runSuite({
    yaml:
      cnp('shop', 'l7', `
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: POST, path: "/submit"}]}}]
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
          - toPorts: [{ports: [{port: "81", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "81", protocol: TCP}], rules: {http: [{method: GET, path: "/a-only"}]}}]
      `) +
      cnp('shop', 'l4-only', `
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
      `) +
      ccnp('wild-l4', `
        endpointSelector: {matchLabels: {app: w}}
        ingress:
          - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
          - fromEndpoints: [{matchLabels: {app: a}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
      `),
    probes: [
      { name: '§7.6 L7 rules of two elements for the same peer are unioned: GET /', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /', expect: 'allowed', by: ['l7', 'allow', 'shop/l7', 'spec.ingress[0].toPorts[0].rules.http[0]'] },
      { name: '§7.6 L7 rules unioned: POST /submit', from: 'shop/app=web', to: 'shop/app=api', http: 'POST /submit', expect: 'allowed', by: ['l7', 'allow', 'shop/l7', 'spec.ingress[1].toPorts[0].rules.http[0]'] },
      { name: '§7.6 L7 union still denies other requests (§9.5)', from: 'shop/app=web', to: 'shop/app=api', http: 'DELETE /', expect: 'denied', by: ['l7', 'default-deny', 'shop/l7', 'spec.ingress[0].toPorts[0].rules'] },
      { name: '§7.6 an L4-only rule for the same peer and port voids L7', from: 'shop/app=a', to: 'shop/app=api', http: 'DELETE /anything', expect: 'allowed', by: ['l7', 'allow', 'shop/l4-only', 'spec.ingress[0].toPorts[0]'] },
      { name: '§7.6 the L4-only rule of another peer does not void web’s L7', from: 'shop/app=web', to: 'shop/app=api', http: 'PUT /', expect: 'denied', by: ['l7', 'default-deny', 'shop/l7'] },
      { name: '§9.11 a peer with no rule on the port is denied at L4', from: 'shop/app=t', to: 'shop/app=api', http: 'GET /', expect: 'denied', by: ['ingress', 'default-deny', 'shop/l7', 'spec'] },
      { name: '§9.9 wildcard GET / plus specific rule: GET / enforced for everyone', from: 'other/app=z', to: 'shop/app=api', port: 81, http: 'GET /', expect: 'allowed', by: ['l7', 'allow', 'shop/l7', 'spec.ingress[3].toPorts[0].rules.http[0]'] },
      { name: '§9.9 wildcard GET / rule: POST denied', from: 'other/app=z', to: 'shop/app=api', port: 81, http: 'POST /', expect: 'denied', by: ['l7', 'default-deny', 'shop/l7'] },
      { name: '§7.6 peer a on 81 gets the union of the wildcard and its own rules', from: 'shop/app=a', to: 'shop/app=api', port: 81, http: 'GET /a-only', expect: 'allowed', by: ['l7', 'allow', 'shop/l7', 'spec.ingress[4].toPorts[0].rules.http[0]'] },
      { name: '§9.8 a wildcard L4-only rule makes everyone unrestricted', from: 'shop/app=a', to: 'shop/app=w', http: 'DELETE /x', expect: 'allowed', by: ['l7', 'allow', 'wild-l4', 'spec.ingress[0].toPorts[0]'] },
      { name: '§9.7 the wildcard L4-only rule admits everyone on 80', from: '7.7.7.7', to: 'shop/app=w', http: 'DELETE /x', expect: 'allowed', by: ['ingress', 'allow', 'wild-l4', 'spec.ingress[0]'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'l7', `
      endpointSelector: {matchLabels: {app: api}}
      ingress:
        - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
      ingressDeny:
        - fromEndpoints: [{matchLabels: {app: blocked}}]
          toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    `),
    probes: [
      { name: '§9.12 host traffic with allow-localhost skips L7 restrictions', from: 'host', to: 'shop/app=api', http: 'DELETE /', expect: 'allowed', by: ['ingress', 'localhost'] },
      { name: '§4.2 deny wins over an L7 allow', from: 'shop/app=blocked', to: 'shop/app=api', http: 'GET /', expect: 'denied', by: ['ingress', 'deny', 'shop/l7', 'spec.ingressDeny[0]'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'soft-l7', `
      endpointSelector: {matchLabels: {app: api}}
      enableDefaultDeny: {ingress: false}
      ingress:
        - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/api"}]}}]
    `),
    probes: [
      { name: '§3.3 default-allow appends a wildcard L7 rule: other paths allowed (§9.16)', from: 'shop/app=x', to: 'shop/app=api', http: 'POST /other', expect: 'allowed', by: ['l7', 'allow', ''] },
      { name: '§3.3 default-allow: unmatched ports are allowed', from: 'shop/app=x', to: 'shop/app=api', port: 8443, expect: 'allowed', by: ['ingress', 'allow', ''] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'hard-l7', `
      endpointSelector: {matchLabels: {app: api}}
      ingress:
        - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/api"}]}}]
    `),
    probes: [
      { name: '§9.17 default-deny with GET /api keeps exactly that: other paths 403', from: 'shop/app=x', to: 'shop/app=api', http: 'GET /other', expect: 'denied', by: ['l7', 'default-deny', 'shop/hard-l7'] },
      { name: '§9.17 default-deny with GET /api: GET /api allowed', from: 'shop/app=x', to: 'shop/app=api', http: 'GET /api', expect: 'allowed', by: ['l7', 'allow', 'shop/hard-l7', 'spec.ingress[0].toPorts[0].rules.http[0]'] },
    ],
  })
})

describe('§7.3 Kafka', () => {
  const kafkaYaml = (rules: string): string =>
    cnp('shop', 'kafka', `
      endpointSelector: {matchLabels: {app: broker}}
      ingress:
        - fromEndpoints: [{matchLabels: {app: client}}]
          toPorts:
            - ports: [{port: "9092", protocol: TCP}]
              rules:
                kafka: ${rules}
    `)
  const produce = { apiKey: 'produce', topics: ['foo', 'bar'] }
  const req = { from: 'shop/app=client', to: 'shop/app=broker', port: 9092 }
  runSuite({
    yaml: kafkaYaml('[{}]'),
    probes: [{ name: '§9.41 an empty Kafka rule allows everything', ...req, kafka: produce, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[0]'] }],
  })
  runSuite({
    yaml: kafkaYaml('[{topic: foo}]'),
    probes: [{ name: '§9.41 a rule for foo only denies a produce to foo and bar', ...req, kafka: produce, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] }],
  })
  runSuite({
    yaml: kafkaYaml('[{topic: foo}, {topic: bar}]'),
    probes: [{ name: '§9.41 rules for foo and bar allow the two-topic produce', ...req, kafka: produce, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[0]'] }],
  })
  runSuite({
    yaml: kafkaYaml('[{topic: foo}, {topic: baz}]'),
    probes: [{ name: '§9.41 foo plus baz denies foo and bar', ...req, kafka: produce, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] }],
  })
  runSuite({
    yaml: kafkaYaml('[{topic: bar}, {topic: foo}, {topic: baz}]'),
    probes: [{ name: '§9.41 bar, foo plus baz allows foo and bar', ...req, kafka: produce, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[1]'] }],
  })
  runSuite({
    yaml: kafkaYaml('[{apiKey: metadata}, {apiKey: apiversions}]'),
    probes: [
      { name: '§9.42 ApiVersions (18) allowed by an apiversions rule', ...req, kafka: { apiKey: 18 }, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[1]'] },
      { name: '§9.42 CreateTopics (19) denied under the same rules', ...req, kafka: { apiKey: 19, topics: ['t'] }, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] },
    ],
  })
  runSuite({
    yaml: kafkaYaml('[{role: produce, topic: orders}, {role: consume, topic: audit, clientID: auditor, apiVersion: "11"}]'),
    probes: [
      { name: '§7.3 role produce covers produce to its topic', ...req, kafka: { apiKey: 0, topics: ['orders'] }, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[0]'] },
      { name: '§7.3 role produce does not cover fetch', ...req, kafka: { apiKey: 'fetch', topics: ['orders'] }, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] },
      { name: '§7.3 role produce covers metadata for its topic', ...req, kafka: { apiKey: 'Metadata', topics: ['orders'] }, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka'] },
      { name: '§7.3 role consume with clientID and apiVersion: all match', ...req, kafka: { apiKey: 1, apiVersion: 11, clientID: 'auditor', topics: ['audit'] }, expect: 'allowed', by: ['l7', 'allow', 'shop/kafka', 'spec.ingress[0].toPorts[0].rules.kafka[1]'] },
      { name: '§7.3 clientID is exact', ...req, kafka: { apiKey: 1, apiVersion: 11, clientID: 'other', topics: ['audit'] }, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] },
      { name: '§7.3 apiVersion is exact', ...req, kafka: { apiKey: 1, apiVersion: 10, clientID: 'auditor', topics: ['audit'] }, expect: 'denied', by: ['l7', 'default-deny', 'shop/kafka'] },
    ],
  })
})

describe('§7.4 DNS rules', () => {
  runSuite({
    yaml: cnp('shop', 'dns', `
      endpointSelector: {matchLabels: {app: a}}
      egress:
        - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
          toPorts:
            - ports: [{port: "53", protocol: ANY}]
              rules:
                dns:
                  - matchName: api.github.com
                  - matchPattern: "*.example.com"
                  - matchPattern: "**.svc.cluster.local"
    `),
    probes: [
      { name: '§7.4 matchName is exact and case-insensitive', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'API.GitHub.com', expect: 'allowed', by: ['l7', 'allow', 'shop/dns', 'spec.egress[0].toPorts[0].rules.dns[0]'] },
      { name: '§7.4 matchName rejects subdomains', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'x.api.github.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/dns'] },
      { name: '§7.5 *.example.com matches one label', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'www.example.com.', expect: 'allowed', by: ['l7', 'allow', 'shop/dns', 'spec.egress[0].toPorts[0].rules.dns[1]'] },
      { name: '§7.5 *.example.com does not match the apex', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'example.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/dns'] },
      { name: '§7.5 *.example.com does not match two labels', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'TCP', dns: 'a.b.example.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/dns'] },
      { name: '§7.4 search-list forms need their own rule: **.svc.cluster.local', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'db.shop.svc.cluster.local', expect: 'allowed', by: ['l7', 'allow', 'shop/dns', 'spec.egress[0].toPorts[0].rules.dns[2]'] },
      { name: '§7.4 DNS to another server is denied at L3', from: 'shop/app=a', to: '8.8.8.8', port: 53, proto: 'UDP', dns: 'api.github.com', expect: 'denied', by: ['egress', 'default-deny', 'shop/dns', 'spec'] },
    ],
  })
  runSuite({
    yaml: cnp('shop', 'dns-soft', `
      endpointSelector: {matchLabels: {app: a}}
      enableDefaultDeny: {egress: false}
      egress:
        - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
          toPorts:
            - ports: [{port: "53", protocol: UDP}]
              rules:
                dns: [{matchName: example.com}]
    `),
    probes: [
      { name: '§9.15 default-allow appends * to DNS rules: any query allowed', from: 'shop/app=a', to: 'kube-system/k8s-app=kube-dns', port: 53, proto: 'UDP', dns: 'anything.org', expect: 'allowed', by: ['l7', 'allow', ''] },
    ],
  })
})
