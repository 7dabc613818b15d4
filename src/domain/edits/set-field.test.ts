import { describe, expect, it } from 'vitest'
import type { FieldChange } from './gestures.ts'
import { SHOP, apply, applyError, elementsOf, errorsOf } from './test-util.ts'

const BACKEND_KEY = 'CiliumNetworkPolicy/shop/backend'
const PG_KEY = 'CiliumNetworkPolicy/payments/pg-gateway'
const BACKEND = `${BACKEND_KEY}#spec.ingress.0`
const PG = `${PG_KEY}#spec.egress.0`
const HTTP_HEALTHZ = SHOP.replace(
  "        protocol: TCP\n---",
  "        protocol: TCP\n      rules:\n        http:\n        - method: GET\n          path: /healthz\n---",
)

interface Case {
  name: string
  text?: string
  change: FieldChange
  /** [search, replacement] applied to the input gives the exact expected text. */
  replace: [string, string]
  policy: string
  elements: string[]
  warning?: RegExp
}

const cases: Case[] = [
  {
    name: 'edits a port number in place, keeping the quote style',
    change: { kind: 'port', elementId: PG, portIndex: 1, port: '9443' },
    replace: ['port: "8443"', 'port: "9443"'],
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,9443/TCP'],
  },
  {
    name: 'adds endPort after the last key of the port entry',
    change: { kind: 'port', elementId: PG, portIndex: 1, endPort: 8450 },
    replace: ['port: "8443"\n              protocol: TCP\n', 'port: "8443"\n              protocol: TCP\n              endPort: 8450\n'],
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP'],
  },
  {
    name: 'changes the protocol',
    change: { kind: 'port', elementId: BACKEND, portIndex: 0, protocol: 'UDP' },
    replace: ["'8080'\n        protocol: TCP", "'8080'\n        protocol: UDP"],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/UDP'],
  },
  {
    name: 'adds the first HTTP row under the toPorts entry',
    change: { kind: 'l7Row', elementId: BACKEND, l7: 'http', op: 'add', row: { method: 'GET', path: '/healthz' } },
    replace: [SHOP, HTTP_HEALTHZ],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP http:1'],
  },
  {
    name: 'appends an HTTP row with headers',
    text: HTTP_HEALTHZ,
    change: { kind: 'l7Row', elementId: BACKEND, l7: 'http', op: 'add', row: { method: 'POST', path: '/api/v1/orders', headers: ['X-Team shop'] } },
    replace: ['path: /healthz\n', 'path: /healthz\n        - method: POST\n          path: /api/v1/orders\n          headers:\n          - X-Team shop\n'],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP http:2'],
  },
  {
    name: 'edits an HTTP row in place',
    text: HTTP_HEALTHZ,
    change: { kind: 'l7Row', elementId: BACKEND, l7: 'http', op: 'edit', rowIndex: 0, row: { method: 'GET', path: '/readyz' } },
    replace: ['path: /healthz', 'path: /readyz'],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP http:1'],
  },
  {
    name: 'removing the last HTTP row removes `rules` and warns that every request is allowed',
    text: HTTP_HEALTHZ,
    change: { kind: 'l7Row', elementId: BACKEND, l7: 'http', op: 'remove', rowIndex: 0 },
    replace: [HTTP_HEALTHZ, SHOP],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP'],
    warning: /every request/,
  },
  {
    name: 'toggles the only allow element into a deny by renaming its list key (comments kept)',
    change: { kind: 'action', elementId: BACKEND, action: 'deny' },
    replace: ['  ingress:\n  # the storefront', '  ingressDeny:\n  # the storefront'],
    policy: 'backend',
    elements: ['ingressDeny fromEndpoints(1) 8080/TCP'],
  },
  {
    name: 'toggling to deny drops L7 with a warning (§4.1)',
    text: HTTP_HEALTHZ,
    change: { kind: 'action', elementId: BACKEND, action: 'deny' },
    replace: [HTTP_HEALTHZ, SHOP.replace('  ingress:\n  # the storefront', '  ingressDeny:\n  # the storefront')],
    policy: 'backend',
    elements: ['ingressDeny fromEndpoints(1) 8080/TCP'],
    warning: /no L7/,
  },
  {
    name: 'sets enableDefaultDeny for a direction',
    change: { kind: 'defaultDeny', policyKey: PG_KEY, direction: 'egress', value: false },
    replace: [SHOP, `${SHOP}  enableDefaultDeny:\n    egress: false\n`],
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP'],
  },
  {
    name: 'renames a policy',
    change: { kind: 'rename', policyKey: BACKEND_KEY, name: 'backend-ingress' },
    replace: ['  name: backend\n', '  name: backend-ingress\n'],
    policy: 'backend-ingress',
    elements: ['ingress fromEndpoints(1) 8080/TCP'],
  },
  {
    name: 'edits the subject labels',
    change: { kind: 'subjectLabels', policyKey: BACKEND_KEY, labels: { app: 'api', tier: 'web' } },
    replace: ['      app: backend\n', '      app: api\n      tier: web\n'],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP'],
  },
  {
    name: 'clearing the subject labels selects every pod of the namespace',
    change: { kind: 'subjectLabels', policyKey: BACKEND_KEY, labels: {} },
    replace: ['  endpointSelector:\n    matchLabels:\n      app: backend\n', '  endpointSelector: {}\n'],
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP'],
  },
]

describe('setField', () => {
  for (const c of cases) {
    it(c.name, () => {
      const input = c.text ?? SHOP
      const r = apply(input, { type: 'setField', change: c.change })
      expect(input).toContain(c.replace[0])
      expect(r.text).toBe(input.replace(c.replace[0], c.replace[1]))
      expect(errorsOf(r.text)).toEqual([])
      expect(elementsOf(r.text, c.policy)).toEqual(c.elements)
      if (c.warning) expect(r.warning).toMatch(c.warning)
    })
  }

  it('adds and removes ICMP types on an element without toPorts (§6.4)', () => {
    const text = SHOP.replace('  ingress:\n', '  ingress:\n  - fromEntities:\n    - host\n')
    const id = `${BACKEND_KEY}#spec.ingress.0`
    const added = apply(text, { type: 'setField', change: { kind: 'icmp', elementId: id, op: 'add', value: { family: 'IPv4', type: 8 } } })
    expect(added.text).toBe(text.replace('    - host\n', '    - host\n    icmps:\n    - fields:\n      - family: IPv4\n        type: 8\n'))
    const removed = apply(added.text, { type: 'setField', change: { kind: 'icmp', elementId: id, op: 'remove', index: 0 } })
    expect(removed.text).toBe(text)
  })

  const refusals: [string, FieldChange, RegExp][] = [
    ['ICMP next to toPorts', { kind: 'icmp', elementId: BACKEND, op: 'add', value: { type: 8 } }, /toPorts/],
    ['a bad port', { kind: 'port', elementId: BACKEND, portIndex: 0, port: '99999' }, /not a port/],
    ['DNS rows on ingress', { kind: 'l7Row', elementId: BACKEND, l7: 'dns', op: 'add', row: { matchPattern: '*' } }, /only exist on egress/],
    ['a duplicate name', { kind: 'rename', policyKey: PG_KEY, namespace: 'shop', name: 'backend' }, /already exists/],
  ]
  for (const [name, change, re] of refusals) {
    it(`refuses ${name}`, () => {
      expect(applyError(SHOP, { type: 'setField', change })).toMatch(re)
    })
  }
})
