import { describe, expect, it } from 'vitest'
import type { DeleteEdgeGesture } from './gestures.ts'
import { SHOP, SHOP_DOC0, SHOP_DOC1, apply, applyError, elementsOf, errorsOf } from './test-util.ts'

const BACKEND = 'CiliumNetworkPolicy/shop/backend#spec.ingress.0'
const PG = 'CiliumNetworkPolicy/payments/pg-gateway#spec.egress.0'

const TWO_RULES = SHOP.replace(
  `  ingress:\n  # the storefront calls the API\n`,
  `  ingress:\n  - fromEntities:\n    - host\n  # the storefront calls the API\n`,
)

interface Case {
  name: string
  text: string
  gesture: Omit<DeleteEdgeGesture, 'type'>
  expected: string
  policy: string
  elements: string[]
  warning?: RegExp
}

const cases: Case[] = [
  {
    name: 'removes one peer of a flow list, keeping the list flow',
    text: SHOP,
    gesture: { elementId: PG, peerIndex: 1 },
    expected: SHOP.replace('[world, cluster]', '[world]'),
    policy: 'pg-gateway',
    elements: ['egress toEntities(1) 443/TCP,8443/TCP'],
  },
  {
    name: 'removes one port when the rule has several',
    text: SHOP,
    gesture: { elementId: PG, portIndex: 0 },
    expected: SHOP.replace('            - port: "443"\n              protocol: TCP\n', ''),
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 8443/TCP'],
  },
  {
    name: 'removes a whole element among several, keeping comments around it',
    text: TWO_RULES,
    gesture: { elementId: BACKEND },
    expected: SHOP,
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP'],
  },
  {
    name: 'removes the emptied list key and warns that ingress opens (§3.2)',
    text: SHOP.replace('  ingress:\n', '  egress:\n  - toEntities:\n    - world\n  ingress:\n'),
    gesture: { elementId: 'CiliumNetworkPolicy/shop/backend#spec.ingress.0' },
    expected: SHOP_DOC0.slice(0, SHOP_DOC0.indexOf('  ingress:')) + '  egress:\n  - toEntities:\n    - world\n' + SHOP_DOC1,
    policy: 'backend',
    elements: ['egress toEntities(1) all'],
    warning: /leaves shop\/backend ingress open: no other rule selects it on ingress/,
  },
  {
    name: 'removes a policy left with no rules (Cilium rejects an empty rule) and says so',
    text: SHOP,
    gesture: { elementId: BACKEND },
    expected: SHOP_DOC1.slice(4),
    policy: 'backend',
    elements: [],
    warning: /shop\/backend ingress open.*had no other rules/,
  },
  {
    name: 'removes the whole element when its only port is removed (no widening to all ports, §6.3)',
    text: SHOP,
    gesture: { elementId: BACKEND, portIndex: 0 },
    expected: SHOP_DOC1.slice(4),
    policy: 'backend',
    elements: [],
    warning: /shop\/backend ingress open/,
  },
]

describe('deleteEdge', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = apply(c.text, { type: 'deleteEdge', ...c.gesture })
      expect(r.text).toBe(c.expected)
      expect(r.edits).toHaveLength(1)
      expect(errorsOf(r.text)).toEqual([])
      expect(elementsOf(r.text, c.policy)).toEqual(c.elements)
      if (c.warning) expect(r.warning).toMatch(c.warning)
      else expect(r.warning ?? '').not.toMatch(/open/)
    })
  }

  it('does not warn when another policy keeps the direction default-deny', () => {
    const text = `${TWO_RULES}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: shop\nspec:\n  endpointSelector: {}\n  ingress:\n    - {}\n`
    const r = apply(text, { type: 'deleteEdge', elementId: BACKEND })
    expect(r.warning).toBeUndefined()
  })

  it('refuses an element id that is no longer in the text', () => {
    expect(applyError(SHOP, { type: 'deleteEdge', elementId: 'CiliumNetworkPolicy/shop/backend#spec.ingress.7' })).toMatch(/no longer in the text/)
  })
})
