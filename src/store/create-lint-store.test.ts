import { afterEach, describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import type { AppStores } from './app-stores.ts'
import { SHOP, SHOP_FLOW as FLOW, appStores } from './test-util.ts'
import { marksBy } from './create-lint-store.ts'
import type { LintFinding } from '../domain/lint/index.ts'

const FQDN = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: apis, namespace: payments}
spec:
  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
    - toFQDNs: [{matchName: api.stripe.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`

let stores: AppStores | null = null
afterEach(() => {
  stores?.dispose()
  stores = null
})

const codes = (s: AppStores): string[] => s.lint.getState().findings.map((f) => f.code)

describe('the lint store follows the workspace (in-thread evaluator)', () => {
  it('lints the text a pause after it changes, with the text the findings belong to', async () => {
    stores = appStores()
    const s = stores
    await vi.waitFor(() => expect(s.lint.getState().text).toBe(SHOP))
    expect(codes(s)).toEqual([])
    s.workspace.getState().commitText({ text: FQDN, origin: 'script' })
    await vi.waitFor(() => expect(s.lint.getState().text).toBe(FQDN))
    expect(codes(s)).toEqual(['fqdn-without-dns-proxy'])
    expect(s.lint.getState().byNode.get('wl/payments/app=pg-gateway')).toMatchObject({ severity: 'error', count: 1 })
    expect([...s.lint.getState().byEdge.keys()]).toHaveLength(1)
  })

  it('loaded flows bring rule usage: the rule the flow used is not unused', async () => {
    stores = appStores()
    const s = stores
    await s.lint.getState().refresh()
    expect(codes(s)).not.toContain('unused-rule')
    await s.evaluation.getState().loadFlows(FLOW)
    await s.lint.getState().refresh()
    expect(codes(s)).not.toContain('unused-rule')
    const unusedText = SHOP.replace('8080', '9090')
    s.workspace.getState().commitText({ text: unusedText, origin: 'script' })
    await vi.waitFor(() => expect(s.lint.getState().text).toBe(unusedText))
    expect(codes(s)).toContain('unused-rule')
  })
})

describe('marksBy', () => {
  it('keeps the worst severity per element and counts every finding', () => {
    const f = (severity: LintFinding['severity'], message: string): LintFinding => ({ severity, message, nodes: ['n'] } as unknown as LintFinding)
    const marks = marksBy([f('info', 'a'), f('error', 'b'), f('warning', 'c')], (x) => x.nodes)
    expect(marks.get('n')).toEqual({ severity: 'error', count: 3, message: 'b' })
  })
})
