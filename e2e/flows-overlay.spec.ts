import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { expect, graph, openFresh, setText, settled } from './helpers.ts'

const DEMO_FLOWS = 'public/samples/demo-flows.jsonl'
const BOOKINFO = 'src/cli/fixtures/hubble/bookinfo-tcp-first-40.jsonl'

interface FlowEdgeInfo { id: string; source: string; target: string; kind: string; verdict?: string; recorded?: string; count?: number; breaks?: number }

async function flowEdges(page: Page): Promise<FlowEdgeInfo[]> {
  await page.evaluate(() => (window as unknown as { membrane: { flowsSettled(): Promise<void> } }).membrane.flowsSettled())
  return (await graph(page)).edges.filter((e) => e.kind === 'flow') as FlowEdgeInfo[]
}

const dataRows = (page: Page) => page.locator('[data-testid="flows-table"] [role="row"][data-flow-index]')

test('several files through the picker merge into table rows and dashed overlay edges', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('flows-file').setInputFiles([DEMO_FLOWS, BOOKINFO])
  await expect(page.getByTestId('flows-summary')).toContainText('129 flows')
  await page.getByTestId('tab-flows').click()
  await expect(dataRows(page).first()).toBeVisible()
  // Virtualized: the rows drawn are a window over all 129, never all at once.
  expect(await dataRows(page).count()).toBeGreaterThan(5)
  expect(await dataRows(page).count()).toBeLessThan(129)
  await expect(page.getByTestId('flows-count')).toHaveText('129 of 129 flows')
  const edges = await flowEdges(page)
  const fb = edges.find((e) => e.source === 'wl/shop/app=backend' && e.target === 'wl/payments/app=pg-gateway')
  expect(fb).toBeDefined()
  expect(fb!.recorded).toMatch(/FORWARDED|REDIRECTED|DROPPED/)
  expect(fb!.count).toBeGreaterThan(0)
  // Bookinfo's workloads are in no policy, yet they are on the graph.
  const ids = new Set((await graph(page)).nodes.map((n) => n.id))
  expect([...ids].some((id) => id.startsWith('wl/bookinfo/app=productpage,'))).toBe(true)
  await expect(page.locator('.react-flow__edge-path.flow-edge').first()).toBeAttached()
  // The demo draft breaks recorded traffic: the toolbar count says so, and filters the table.
  const breaks = page.getByTestId('would-break')
  await expect(breaks).not.toHaveText(/^0 /)
  await breaks.click()
  await expect(page.getByTestId('flows-chip')).toHaveText(/would break/)
  const n = Number((await breaks.textContent())!.split(' ')[0])
  await expect(page.getByTestId('flows-count')).toHaveText(`${n} of 129 flows`)
})

test('drag-and-drop loads a capture; a row selects its deciding rule and shows the detail', async ({ page }) => {
  await openFresh(page)
  const lines = readFileSync(DEMO_FLOWS, 'utf8').split('\n')
  const text = [...lines.slice(0, 2), 'not a flow {', ...lines.slice(2)].join('\n')
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer()
    d.items.add(new File([t], 'dropped.jsonl', { type: 'application/json' }))
    return d
  }, text)
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer: dt })
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt })
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  await page.getByTestId('tab-flows').click()
  await expect(page.getByTestId('flows-skipped')).toHaveText(/^1 line skipped; first at line 3 of dropped\.jsonl: /)
  await page.getByTestId('filter-field').selectOption('text')
  await page.getByTestId('filter-value').fill('prometheus')
  await page.getByTestId('filter-add').click()
  await expect(page.getByTestId('flows-chip')).toHaveText(/text: prometheus/)
  const row = dataRows(page).filter({ hasText: 'shop/backend' }).first()
  await row.click()
  await expect(page.getByTestId('flow-detail')).toBeVisible()
  await expect(page.getByTestId('flow-detail')).toContainText('monitoring')
  const sel = await page.evaluate(() => window.membrane.getSelection())
  expect(sel).not.toBeNull()
})

test('an edit that breaks observed traffic turns its edge red and the breakage list names it; audit turns denials amber', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  let edges = await flowEdges(page)
  const pair = (e: FlowEdgeInfo): boolean => e.source === 'wl/shop/app=frontend' && e.target === 'wl/shop/app=backend'
  expect(edges.filter(pair).map((e) => e.verdict)).toEqual(['allowed'])
  await page.getByTestId('flows-summary').click()
  await page.getByTestId('pin-baseline').click()
  await page.keyboard.press('Escape')
  const yaml = await page.evaluate(() => window.membrane.getText())
  await setText(page, `${yaml}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: cut-frontend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingressDeny:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
`)
  await expect.poll(async () => (await flowEdges(page)).filter(pair).map((e) => e.verdict)).toEqual(['denied'])
  edges = await flowEdges(page)
  const cut = edges.find(pair)!
  expect(cut.breaks).toBeGreaterThan(0)
  await expect(page.locator(`.react-flow__edge[data-id="${cut.id}"] .flow-edge--denied`)).toBeAttached()
  await page.getByTestId('tab-flows').click()
  await expect(page.getByTestId('breakage-list')).toContainText('shop/frontend-7c9d8f6b5d-x2kqp → shop/backend-5f6b9c7d8-9hz4m TCP/8080')

  const deniedBefore = (await flowEdges(page)).filter((e) => e.verdict === 'denied').length
  await page.getByTestId('audit-mode').check()
  await expect.poll(async () => (await flowEdges(page)).filter(pair).map((e) => e.verdict)).toEqual(['audit'])
  edges = await flowEdges(page)
  // What the engine still denies in audit mode (L7 denials are not audited) stays red; L3/L4 denials turn amber.
  expect(edges.filter((e) => e.verdict === 'denied').length).toBeLessThan(deniedBefore)
  await expect(page.locator(`.react-flow__edge[data-id="${edges.find(pair)!.id}"] .flow-edge--audit`)).toBeAttached()
})

test('"Allow this flow" writes the rule in one gesture and the flow stops breaking', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  const breaks = page.getByTestId('would-break')
  await expect(breaks).not.toHaveText(/^0 /)
  const before = Number((await breaks.textContent())!.split(' ')[0])
  await breaks.click()
  const row = dataRows(page).filter({ hasText: 'events.analytics' }).first()
  const index = Number(await row.getAttribute('data-flow-index'))
  await row.click()
  const textBefore = await page.evaluate(() => window.membrane.getText())
  await page.getByTestId('allow-flow').click()
  await expect.poll(async () => (await page.evaluate(() => window.membrane.getVerdicts())).flows[index].verdict).not.toBe('denied')
  const textAfter = await page.evaluate(() => window.membrane.getText())
  expect(textAfter).not.toBe(textBefore)
  expect(textAfter).toContain('events.analytics-vendor.example')
  await expect.poll(async () => Number((await breaks.textContent())!.split(' ')[0])).toBeLessThan(before)
})

test('the loaded capture survives a reload', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('flows-file').setInputFiles(DEMO_FLOWS)
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  await page.reload()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  await page.getByTestId('tab-flows').click()
  await expect(dataRows(page).first()).toBeVisible()
  expect((await flowEdges(page)).length).toBeGreaterThan(0)
})

test('cancel stops a large load and keeps what was loaded before', async ({ page }, info) => {
  await openFresh(page)
  const lines = readFileSync(DEMO_FLOWS, 'utf8').trim().split('\n')
  // ~120 MB: distinct uuids so nothing is de-duplicated away.
  const chunk = lines.map((l, i) => l.replace(/"uuid":"[^"]+"/, `"uuid":"U${i}-@"`)).join('\n') + '\n'
  const parts: string[] = []
  for (let i = 0; i < 2000; i++) parts.push(chunk.replaceAll('@', String(i)))
  const big = info.outputPath('big-flows.jsonl')
  writeFileSync(big, parts.join(''))
  await page.getByTestId('flows-file').setInputFiles(DEMO_FLOWS)
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  await page.getByTestId('flows-file').setInputFiles(big)
  const progress = page.getByTestId('flows-progress')
  await expect(progress).toBeVisible()
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0)
  await page.getByTestId('flows-cancel').click()
  await expect(progress).toBeHidden()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  const v = await page.evaluate(() => window.membrane.getVerdicts())
  expect(v.flows).toHaveLength(89)
})

for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
  test(`graph, toolbar and flows table at ${w}x${h}`, async ({ page }, info) => {
    await page.setViewportSize({ width: w, height: h })
    await openFresh(page)
    await page.getByTestId('load-demo-flows').click()
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
    // The disagreement counts stay in view beside the evaluation switches, nothing scrolls or hides.
    const breaks = page.getByTestId('would-break')
    const opens = page.getByTestId('would-open')
    await expect(breaks).toHaveText(/^\d+ would break$/)
    await expect(opens).toHaveText(/^\d+ would open$/)
    const right = (await opens.boundingBox())!
    const switches = (await page.getByTestId('enforcement-mode').boundingBox())!
    expect(right.x + right.width).toBeLessThanOrEqual(switches.x)
    expect(await page.locator('.flows-toolbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    await breaks.click()
    await dataRows(page).filter({ hasText: 'breaks' }).first().click()
    await expect(page.getByTestId('flow-detail')).toBeVisible()
    // Shoot once the graph has come to rest (layout, fit, the selected flow's edge).
    await settled(() => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform))
    await settled(() => page.getByTestId('flow-detail').boundingBox())
    await page.screenshot({ path: info.outputPath(`flows-${w}x${h}.png`) })
    // The same picture where people look for it, copied rather than shot a second time.
    copyFileSync(info.outputPath(`flows-${w}x${h}.png`), `test-results/flows-${w}x${h}.png`)
    // The summary's details: counts in words, the edge toggles and the baseline pin.
    await page.getByTestId('flows-summary').click()
    const menu = page.getByTestId('flows-menu')
    await expect(menu).toContainText('89 flows')
    await expect(menu.getByTestId('show-both')).toHaveAttribute('aria-pressed', 'true')
    await expect(menu.getByTestId('pin-baseline')).toBeVisible()
    await page.screenshot({ path: `test-results/flows-menu-${w}x${h}.png` })
    await page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
  })
}
