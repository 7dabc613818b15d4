/**
 * The flows table's page-side tools: the "DNS expired" quick filter and the timeline with its
 * lost-events gaps (over the synthetic dns-expiry capture, fixtures/flows/README.md), and
 * "Allow these flows" writing every listed blocked flow in one undo step.
 */
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expect, openFresh, setText } from './helpers.ts'

const DNS_YAML = readFileSync('fixtures/flows/dns-expiry.yaml', 'utf8')
const DNS_FLOWS = 'fixtures/flows/dns-expiry.jsonl'
const dataRows = (page: Page) => page.locator('[data-testid="flows-table"] [role="row"][data-flow-index]')

test('a connection after its DNS answer expired is listed under "DNS expired"; the timeline marks the lost events', async ({ page }) => {
  await openFresh(page)
  await setText(page, DNS_YAML)
  await page.getByTestId('flows-file').setInputFiles(DNS_FLOWS)
  await expect(page.getByTestId('flows-summary')).toContainText('8 flows')
  await page.getByTestId('tab-flows').click()
  await expect(dataRows(page)).toHaveCount(8)

  const quick = page.getByTestId('quick-dns-expired')
  await expect(quick).toHaveText('DNS expired 1')
  await quick.click()
  await expect(page.getByTestId('flows-chip')).toHaveText(['DNS expired×'])
  await expect(dataRows(page)).toHaveCount(1)
  const row = dataRows(page).first()
  await expect(row).toContainText('10:41:22.000')
  await expect(row).toContainText('breaks')
  await expect(row.getByTestId('flow-dns-expired')).toHaveText('DNS answer for api.github.com expired at 10:41:07 (TTL 30 s)')
  // The same reason in the detail, on the egress side.
  await row.click()
  await expect(page.getByTestId('flow-detail')).toContainText('DNS answer for api.github.com expired at 10:41:07 (TTL 30 s)')
  await quick.click()
  await expect(dataRows(page)).toHaveCount(8)

  // Two lost-events records: two gaps on the strip, counted in words.
  const timeline = page.getByTestId('flows-timeline')
  await expect(timeline.getByTestId('flows-lost-gap')).toHaveCount(2)
  await expect(timeline.getByTestId('flows-lost')).toHaveText('2 gaps · 352 events lost')
  await expect(timeline.getByTestId('flows-lost')).toHaveAttribute('title', '312 events lost at 10:41:07\n40 events lost at 10:41:39')
  await expect(timeline.getByTestId('flows-lost-gap').first()).toHaveAttribute('title', /^312 events lost at 10:41:07 on kind-worker \(HUBBLE_RING_BUFFER\)/)
  // A drag over the first third of the strip keeps only the flows in that window.
  const strip = timeline.locator('.flows-timeline__strip')
  const box = (await strip.boundingBox())!
  await page.mouse.move(box.x, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(page.getByTestId('flows-chip')).toHaveText([/^time: 10:40:37–10:40:\d\d×$/])
  // 0–15 s of a 75 s capture: the DNS lookup, its answer and the connections at 5, 10 and 15 s (the bucket's end).
  await expect.poll(async () => dataRows(page).count()).toBeGreaterThanOrEqual(4)
  expect(await dataRows(page).count()).toBeLessThan(8)
})

test('"Allow these flows" writes every would-break flow in one undo step', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  const breaks = page.getByTestId('would-break')
  await expect(breaks).not.toHaveText(/^0 /)
  const before = await breaks.textContent()
  const textBefore = await page.evaluate(() => window.membrane.getText())
  await breaks.click()
  await expect(page.getByTestId('flows-chip')).toHaveText(['would break×'])
  const n = await dataRows(page).count()
  expect(n).toBeGreaterThan(1)
  await page.getByTestId('allow-these-flows').click()
  await expect(breaks).toHaveText('0 would break')
  await expect(dataRows(page)).toHaveCount(0)
  expect(await page.evaluate(() => window.membrane.getText())).not.toBe(textBefore)

  // One Ctrl+Z takes all the rules back.
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  await page.keyboard.press('Control+z')
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toBe(textBefore)
  await expect(breaks).toHaveText(before!)
  await expect(dataRows(page)).toHaveCount(n)
})

test('lost events loaded through the scripting API reach the timeline, as through the file picker', async ({ page }) => {
  await openFresh(page)
  await setText(page, DNS_YAML)
  const loaded = await page.evaluate((t) => window.membrane.loadFlows(t), readFileSync(DNS_FLOWS, 'utf8'))
  expect(loaded.flows).toBe(8)
  await page.getByTestId('tab-flows').click()
  await expect(dataRows(page)).toHaveCount(8)
  const timeline = page.getByTestId('flows-timeline')
  await expect(timeline.getByTestId('flows-lost-gap')).toHaveCount(2)
  await expect(timeline.getByTestId('flows-lost')).toHaveText('2 gaps · 352 events lost')
})
