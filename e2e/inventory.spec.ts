/**
 * The cluster inventory journey: import `kubectl get pods,namespaces,services,nodes -A -o json`
 * from the File menu (or open it like any file: it is recognised by its content), see the Cluster
 * tab merge it with the flows, watch a KNP namespaceSelector peer resolve on the graph, and find it
 * again after a reload until it is removed.
 */
import type { Page } from '@playwright/test'
import { test } from '@playwright/test'
import { expect, graph, openFresh, setText } from './helpers.ts'

const INVENTORY = 'public/samples/demo-cluster.json'
// payments is labelled team=payments in the inventory; nothing else says so.
const KNP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-payments, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from:
        - {namespaceSelector: {matchLabels: {team: payments}}, podSelector: {matchLabels: {app: pg-gateway}}}
`
const peerOf = async (page: Page): Promise<string | undefined> => {
  const g = await graph(page)
  const edge = g.edges.find((e) => e.kind !== 'flow' && g.nodes.some((n) => n.id === e.target && n.label.includes('app=db')))
  return edge?.source
}

test('import from the File menu: Cluster tab merges it with the flows, the KNP peer resolves, a reload keeps it, Remove forgets it', async ({ page }) => {
  const errors: string[] = []
  await openFresh(page, errors)
  await setText(page, KNP)
  await expect.poll(() => peerOf(page)).toBeDefined()
  expect(await peerOf(page)).not.toBe('wl/payments/app=pg-gateway')

  await page.getByRole('button', { name: 'Demo flows' }).click()
  await expect(page.getByTestId('flows-summary')).toContainText('flows')
  await page.getByTestId('inventory-file').setInputFiles(INVENTORY)
  await expect(page.getByTestId('status')).toContainText('Cluster inventory demo-cluster.json: 7 pods · 4 namespaces · 2 services · 3 nodes')
  await expect(page.getByTestId('inventory-count')).toHaveText('7')

  // The Namespace objects name payments' team: the peer is the gateway workload there.
  await expect.poll(() => peerOf(page)).toBe('wl/payments/app=pg-gateway')

  await page.getByTestId('tab-cluster').click()
  await expect(page.getByTestId('inventory-summary')).toContainText('demo-cluster.json: 7 pods')
  const row = (name: string) => page.getByTestId('cluster-row').filter({ hasText: name })
  // Seen in the flows and listed by kubectl: one workload, named as Hubble names it.
  await expect(row('backend')).toHaveAttribute('data-source', 'both')
  // The nightly job sent nothing during the capture: only the inventory knows it.
  await expect(row('nightly-report')).toHaveAttribute('data-source', 'inventory')
  await page.getByTestId('cluster-filter').fill('inventory')
  await expect(page.getByTestId('cluster-row')).toHaveCount(1)
  await page.getByTestId('cluster-filter').fill('')

  await page.reload()
  await expect(page.getByTestId('inventory-count')).toHaveText('7', { timeout: 20_000 })
  await expect.poll(() => peerOf(page)).toBe('wl/payments/app=pg-gateway')

  await page.getByTestId('tab-cluster').click()
  await page.getByTestId('inventory-remove').click()
  await expect(page.getByTestId('inventory-count')).toHaveCount(0)
  await expect.poll(() => peerOf(page)).not.toBe('wl/payments/app=pg-gateway')
  await page.reload()
  await expect(page.getByTestId('tab-cluster')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('tab-cluster').click()
  await expect(page.getByTestId('inventory-import')).toBeVisible()
  expect(errors).toEqual([])
})

test('a kubectl dump opened like any file is imported as the inventory, not added to the policies', async ({ page }) => {
  await openFresh(page)
  const before = await page.evaluate(() => window.membrane.getText())
  await page.getByTestId('open-files-input').setInputFiles(INVENTORY)
  await expect(page.getByTestId('inventory-count')).toHaveText('7')
  expect(await page.evaluate(() => window.membrane.getText())).toBe(before)
  // A row picks its workload on the graph when a policy draws it.
  await page.getByTestId('tab-cluster').click()
  await page.getByTestId('cluster-row').filter({ hasText: 'frontend' }).click()
  await expect(page.locator('.react-flow__node.selected')).toContainText('app=frontend')
})
