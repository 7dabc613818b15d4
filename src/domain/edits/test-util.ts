/** Fixtures and helpers shared by the edit tests. */
import { parsePolicies } from '../policy/parse.ts'
import type { ParseResult } from '../policy/model.ts'
import { applyGesture } from './apply.ts'
import type { EditResult, Gesture } from './gestures.ts'

/** Two documents in two styles (kubectl-style lists + single quotes; indented lists + double quotes), with comments. */
export const SHOP = `# shop policies, reviewed by the platform team
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
  # the storefront calls the API
  - fromEndpoints:
    - matchLabels:
        app: frontend   # storefront pods
    toPorts:
    - ports:
      - port: '8080'
        protocol: TCP
---
# payments: egress only for now
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: pg-gateway
  namespace: payments
spec:
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toEntities: [world, cluster]
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
            - port: "8443"
              protocol: TCP
`

export const SHOP_DOC0 = SHOP.slice(0, SHOP.indexOf('---\n'))
export const SHOP_DOC1 = SHOP.slice(SHOP.indexOf('---\n'))

/** Applies a gesture and fails the test on an error outcome. */
export function apply(text: string, g: Gesture, parse: ParseResult = parsePolicies(text)): EditResult {
  const r = applyGesture(text, parse, g)
  if ('error' in r) throw new Error(`gesture failed: ${r.error}`)
  return r
}

export function applyError(text: string, g: Gesture): string {
  const r = applyGesture(text, parsePolicies(text), g)
  if (!('error' in r)) throw new Error(`expected an error, got:\n${r.text}`)
  return r.error
}

export const errorsOf = (text: string) => parsePolicies(text).diagnostics.filter((d) => d.severity === 'error')

/** `ingress fromEndpoints(...) 8080/TCP` lines of one policy, for model assertions. */
export function elementsOf(text: string, name: string): string[] {
  const p = parsePolicies(text).policies.find((x) => x.name === name)
  if (!p) return []
  return p.rules.flatMap((r) =>
    r.elements.map((e) => {
      const ports = e.toPorts?.flatMap((pr) => pr.ports.map((pp) => `${pp.port}/${pp.protocol}`)).join(',') ?? 'all'
      const l7 = e.toPorts?.flatMap((pr) => (pr.l7 ? [`${pr.l7.kind}:${pr.l7.rules.length}`] : [])).join(',') ?? ''
      return `${e.direction}${e.deny ? 'Deny' : ''} ${e.peerField ?? '-'}(${e.peers.length}) ${ports}${l7 ? ` ${l7}` : ''}`
    }),
  )
}
