import { test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expect, openFresh } from './helpers.ts'

const DEMO_FLOWS = 'public/samples/demo-flows.jsonl'

test('loading the demo flows shows the draft verdicts, which follow audit mode and edits', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('flows-file').setInputFiles(DEMO_FLOWS)
  const summary = page.getByTestId('flows-summary')
  await expect(summary).toContainText('89 flows')
  const before = await page.evaluate(() => window.membrane.getVerdicts())
  expect(before.flows).toHaveLength(89)
  expect(before.summary.allowed + before.summary.denied + before.summary.audit).toBe(89)
  expect(before.summary.denied).toBeGreaterThan(0)
  // The recorded metadata-endpoint drop stays denied under the draft.
  expect(before.flows.some((f) => f.recorded === 'DROPPED' && f.verdict === 'denied')).toBe(true)

  await page.getByTestId('audit-mode').check()
  await expect.poll(async () => (await page.evaluate(() => window.membrane.getVerdicts())).summary.audit).toBeGreaterThan(0)
  await expect(summary).toContainText('audit')

  // Verdicts asked for right after an edit answer for the new text, not the one before it.
  const afterEdit = await page.evaluate(() => {
    window.membrane.setText('')
    return window.membrane.getVerdicts()
  })
  expect(afterEdit.summary).toEqual({ allowed: 89, denied: 0, audit: 0 })
})

test('loadFlows counts unreadable lines instead of failing', async ({ page }) => {
  await openFresh(page)
  const lines = readFileSync(DEMO_FLOWS, 'utf8').split('\n').slice(0, 10)
  const text = [...lines.slice(0, 5), '{"flow": {"truncated', '\u0000\u0001binary junk', ...lines.slice(5)].join('\n')
  const loaded = await page.evaluate((t) => window.membrane.loadFlows(t), text)
  expect(loaded.flows).toBe(10)
  expect(loaded.skipped).toBe(2)
  await expect(page.getByTestId('flows-summary')).toContainText('2 lines skipped')
})
