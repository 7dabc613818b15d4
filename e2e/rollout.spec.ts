import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { expect, graph, openFresh, setText, text } from './helpers.ts'

async function loadDemoFlows(page: Page): Promise<void> {
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
}

async function flowEdges(page: Page): Promise<{ verdict?: string; breaks?: number }[]> {
  await page.evaluate(() => (window as unknown as { membrane: { flowsSettled(): Promise<void> } }).membrane.flowsSettled())
  return (await graph(page)).edges.filter((e) => e.kind === 'flow') as { verdict?: string; breaks?: number }[]
}

test('the rollout panel walks shop from allow through audit to enforce', async ({ page }) => {
  await openFresh(page)
  await loadDemoFlows(page)
  await page.getByTestId('tab-rollout').click()
  await page.getByTestId('rollout-ns-shop').click()
  const detail = page.getByTestId('rollout-detail')
  const next = page.getByTestId('rollout-next')
  // Stage 2: ingress allows exist, but shop's egress has no default deny: 18 flows would drop.
  await expect(detail).toHaveAttribute('data-stage', 'allow')
  await expect(page.getByTestId('rollout-uncovered')).toHaveText('18')
  await expect(next).toHaveAttribute('data-kind', 'draft')
  // Coverage numbers select the workloads they count.
  await page.getByTestId('coverage-worldReachable').click()
  await expect(page.getByTestId('coverage-workload')).toHaveText(['app=frontend'])
  await page.getByTestId('coverage-workload').click()
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]')).toHaveClass(/selected/)

  await next.click()
  const dialog = page.getByTestId('generate-dialog')
  await expect(dialog.getByTestId('generate-note')).toContainText('absent from the capture')
  await expect(dialog.getByTestId('generate-policy')).toHaveCount(3)
  await expect(dialog.getByTestId('generate-rule').first()).toContainText(/covers \d+ flow/)
  await dialog.getByTestId('generate-insert').click()
  await expect(dialog).toBeHidden()
  expect(await text(page)).toContain('name: backend-observed')

  await expect(page.getByTestId('rollout-uncovered')).toHaveText('0')
  await expect(next).toHaveAttribute('data-kind', 'default-deny-audit')
  await next.click()
  await expect(detail).toHaveAttribute('data-stage', 'audit')
  await expect(page.getByTestId('rollout-audit')).toBeChecked()
  await expect(page.getByTestId('rollout-audited')).toHaveText('0')
  expect(await text(page)).toMatch(/name: default-deny\n {2}namespace: shop/)

  await expect(next).toHaveAttribute('data-kind', 'enforce')
  await next.click()
  await expect(detail).toHaveAttribute('data-stage', 'enforce')
  await expect(page.getByTestId('rollout-audit')).not.toBeChecked()
  await expect(page.getByTestId('rollout-next')).toHaveCount(0)
  // The system namespaces are listed last, as their own track.
  const names = await page.locator('[data-testid^="rollout-ns-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  expect(names.slice(-2)).toEqual(['rollout-ns-kube-system', 'rollout-ns-monitoring'])
})

test('the rollout panel walks monitoring from observe to enforce, one action per stage', async ({ page }) => {
  await openFresh(page)
  await loadDemoFlows(page)
  await page.getByTestId('tab-rollout').click()
  await page.getByTestId('rollout-ns-monitoring').click()
  const detail = page.getByTestId('rollout-detail')
  const next = page.getByTestId('rollout-next')
  // Stage 1: no policy selects prometheus yet — only observed flows.
  await expect(detail).toHaveAttribute('data-stage', 'observe')
  await expect(next).toHaveAttribute('data-kind', 'draft')
  await next.click()
  const dialog = page.getByTestId('generate-dialog')
  await dialog.getByTestId('generate-insert').click()
  await expect(dialog).toBeHidden()
  await expect(detail).toHaveAttribute('data-stage', 'allow')
  await expect(next).toHaveAttribute('data-kind', 'default-deny-audit')
  await next.click()
  await expect(detail).toHaveAttribute('data-stage', 'audit')
  await expect(page.getByTestId('rollout-audit')).toBeChecked()
  await expect(next).toHaveAttribute('data-kind', 'enforce')
  await next.click()
  await expect(detail).toHaveAttribute('data-stage', 'enforce')
  await expect(page.getByTestId('rollout-next')).toHaveCount(0)
  expect(await text(page)).toMatch(/namespace: monitoring/)
})

test('generate for everything → insert → no observed flow would break, every observed edge allowed', async ({ page }) => {
  await openFresh(page)
  await loadDemoFlows(page)
  await expect(page.getByTestId('would-break')).not.toHaveText(/^0 /)
  await page.getByTestId('tab-rollout').click()
  await page.getByTestId('rollout-generate-all').click()
  const dialog = page.getByTestId('generate-dialog')
  await expect(dialog.getByTestId('generate-summary')).toContainText('policies from')
  await dialog.getByTestId('generate-insert').click()
  await expect(page.getByTestId('would-break')).toHaveText(/^0 /)
  const edges = await flowEdges(page)
  expect(edges.filter((e) => (e.breaks ?? 0) > 0)).toEqual([])
  // Flows the cluster itself dropped stay denied; every edge of traffic that got through is allowed.
  expect(edges.filter((e) => e.verdict === 'allowed').length).toBeGreaterThan(0)
  // One undo step removes the whole insertion.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('Control+z')
  await expect.poll(() => text(page)).not.toContain('membrane-generate')
})

test('an audit scope on one namespace turns its denials amber; an expectation fails on the graph when a policy edit breaks it', async ({ page }) => {
  await openFresh(page)
  await loadDemoFlows(page)
  expect((await flowEdges(page)).filter((e) => e.verdict === 'audit')).toEqual([])
  await page.getByTestId('tab-expectations').click()
  await page.getByTestId('expectation-from').fill('shop:app=frontend')
  await page.getByTestId('expectation-to').fill('shop:app=backend')
  await page.getByTestId('expectation-port').fill('8080/TCP')
  await page.getByTestId('expectation-add').click()
  const row = page.getByTestId('expectation-row')
  await expect(row).toHaveAttribute('data-ok', 'true')
  const edge = page.locator('[data-testid="test-edge"]')
  await expect(edge).toHaveAttribute('data-ok', 'true')
  await expect(edge).toContainText('✓')
  // Break it: the backend's ingress now only takes 8081.
  await setText(page, (await text(page)).replace("port: '8080'\n              protocol: TCP\n    - fromEndpoints", "port: '8081'\n              protocol: TCP\n    - fromEndpoints"))
  await expect(row).toHaveAttribute('data-ok', 'false')
  await expect(edge).toHaveAttribute('data-ok', 'false')
  await expect(edge).toContainText('✗')
  await expect(page.getByTestId('expectations-count')).toHaveText('✗1')
  // Audit mode for shop alone: the broken connection is now audit (amber), the expectation still fails.
  await page.getByTestId('tab-rollout').click()
  await page.getByTestId('rollout-ns-shop').click()
  await page.getByTestId('rollout-audit').check()
  await page.getByTestId('tab-expectations').click()
  await expect(row.locator('td').nth(3)).toHaveText('audit')
  await expect(row.locator('.verdict--audit')).toBeVisible()
  // The flows into shop that its ingress denies are audit now, drawn amber.
  await expect.poll(async () => (await flowEdges(page)).some((e) => e.verdict === 'audit' && (e as { target?: string }).target?.startsWith('wl/shop/'))).toBe(true)
  await expect(page.locator('.react-flow__edge-path.flow-edge--audit').first()).toBeAttached()
  // Saved with the workspace: a reload keeps the expectation and the audit scope.
  await page.reload()
  await page.getByTestId('tab-expectations').click()
  await expect(page.getByTestId('expectation-row')).toHaveAttribute('data-ok', 'false')
  await expect(page.getByTestId('expectation-row').locator('td').nth(3)).toHaveText('audit')
})
