import { expect, test } from '@playwright/test'
import { EXAMPLES } from '../src/domain/examples/catalog.ts'
import { EXPECTED_NODE_IDS } from '../src/domain/examples/expected.ts'
import { graph, openFresh } from './helpers.ts'

/** One characteristic rule edge per example: source → target, kind, and text its label must hold. */
const EXPECTED_EDGES: Record<string, { source: string; target: string; kind: 'allow' | 'deny'; label: string }[]> = {
  demo: [{ source: 'wl/shop/app=frontend', target: 'wl/shop/app=backend', kind: 'allow', label: 'TCP/8080' }],
  'namespace-isolation': [{ source: 'ns/payments', target: 'ns/payments', kind: 'allow', label: 'any' }],
  'frontend-to-backend': [{ source: 'wl/shop/app=frontend', target: 'wl/shop/app=backend', kind: 'allow', label: 'TCP/8080' }],
  'cross-namespace-prometheus': [
    { source: 'wl/monitoring/app=prometheus', target: 'wl/shop/app=backend', kind: 'allow', label: 'TCP/9090' },
  ],
  'deny-metadata': [{ source: 'ns/shop', target: 'cidr/169.254.169.254/32', kind: 'deny', label: 'any' }],
  'l7-http': [{ source: 'wl/shop/app=frontend', target: 'wl/shop/app=order-api', kind: 'allow', label: 'HTTP GET /api/v1/orders.*' }],
  'kafka-topics': [
    { source: 'wl/streaming/app=order-service', target: 'wl/streaming/app=kafka', kind: 'allow', label: 'kafka produce orders' },
    { source: 'wl/streaming/app=settlement-service', target: 'wl/streaming/app=kafka', kind: 'allow', label: 'kafka consume orders' },
  ],
  'grpc-methods': [
    { source: 'wl/shop/app=order-api', target: 'wl/shop/app=inventory-grpc', kind: 'allow', label: 'HTTP POST /inventory.InventoryService/CheckStock' },
  ],
  'fqdn-egress': [
    { source: 'wl/payments/app=pg-gateway', target: 'wl/kube-system/k8s-app=kube-dns', kind: 'allow', label: 'DNS' },
    { source: 'wl/payments/app=pg-gateway', target: 'fqdn/api.stripe.com', kind: 'allow', label: 'TCP/443' },
  ],
  'cluster-only-egress': [
    { source: 'ns/internal-tools', target: 'entity/cluster', kind: 'allow', label: 'any' },
    { source: 'ns/internal-tools', target: 'entity/kube-apiserver', kind: 'allow', label: 'any' },
  ],
  'host-firewall': [
    { source: 'entity/cluster', target: 'node/node-role.kubernetes.io/control-plane=', kind: 'allow', label: 'TCP/22' },
    { source: 'cidr/10.50.0.0/24', target: 'node/node-role.kubernetes.io/control-plane=', kind: 'allow', label: 'TCP/6443' },
  ],
  'knp-basic': [
    { source: 'wl/shop/app=backend', target: 'wl/shop/app=db', kind: 'allow', label: 'TCP/5432' },
  ],
  'pci-cde-lockdown': [
    { source: 'wl/gateway/app=api-gateway', target: 'ns/cde-payments', kind: 'allow', label: 'HTTP POST /v1/payments' },
    { source: 'ns/cde-payments', target: 'wl/cde-db/app=ledger-db', kind: 'allow', label: 'TCP/5432' },
    { source: 'ns/cde-payments', target: 'fqdn/api.pgprovider.com', kind: 'allow', label: 'TCP/443' },
  ],
}

test('every example but the explicit default deny has expected rule edges', () => {
  const withoutEdges = EXAMPLES.filter((e) => !EXPECTED_EDGES[e.id]).map((e) => e.id)
  expect(withoutEdges).toEqual(['default-deny'])
})

for (const example of EXAMPLES) {
  test(`example "${example.id}" shows its nodes and rule edges`, async ({ page }) => {
    const errors: string[] = []
    await openFresh(page, errors)
    await page.getByTestId('examples-menu').selectOption(example.id)
    // Loading over the untouched demo needs no confirmation.
    await expect.poll(async () => (await page.evaluate(() => window.membrane.getText())).length).toBeGreaterThan(0)
    if (example.id !== 'demo') {
      await expect.poll(() => page.evaluate(() => window.membrane.getText().includes('kind:'))).toBe(true)
    }
    const g = await graph(page)
    const ids = new Set(g.nodes.map((n) => n.id))
    for (const id of EXPECTED_NODE_IDS[example.id] ?? []) {
      expect(ids, `node ${id}`).toContain(id)
      if (!id.startsWith('ns/')) await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeVisible()
    }
    for (const want of EXPECTED_EDGES[example.id] ?? []) {
      const found = g.edges.filter((e) => e.source === want.source && e.target === want.target && e.kind === want.kind)
      expect(found.length, `edge ${want.source} → ${want.target}`).toBeGreaterThan(0)
      expect(found.map((e) => e.label).join(' | ')).toContain(want.label)
    }
    expect(errors).toEqual([])
  })
}

test('the default-deny example marks the namespace with ingress and egress shields', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('examples-menu').selectOption('default-deny')
  const ns = page.locator('.react-flow__node[data-id="ns/payments"]')
  await expect(ns.getByTestId('shield-ingress')).toBeVisible()
  await expect(ns.getByTestId('shield-egress')).toBeVisible()
  expect((await graph(page)).edges).toEqual([])
})
