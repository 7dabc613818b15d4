import type { Page } from '@playwright/test'
import { test } from '@playwright/test'
import { expect, openFresh, waitForEditor } from './helpers.ts'

const WORKSPACE_KEY = 'membrane.workspace.v1'
const MARK_KEY = 'membrane.loading.v1'
const SAVED = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: saved-one, namespace: shop}\nspec: {endpointSelector: {}, ingress: [{}]}\n'

/**
 * What a start that died leaves behind: the saved text and the mark it never cleared. Seeded by
 * an init script before the app's own scripts run (once per tab), because leaving a page
 * normally clears the mark — a crash is exactly a start that never gets to. The text is seeded as
 * an earlier version kept it (localStorage) with the IndexedDB workspace deleted first, so the
 * start moves it into IndexedDB (requests on one database run in the order they were made).
 * Seeded before the tab's first load: no earlier page of the app is there whose last saves could
 * land after the seed.
 */
async function seedCrash(page: Page, text = SAVED): Promise<void> {
  await page.addInitScript(([k, m, t]) => {
    if (sessionStorage.getItem('seeded-crash')) return
    sessionStorage.setItem('seeded-crash', '1')
    indexedDB.deleteDatabase('membrane-workspace')
    localStorage.setItem(k, JSON.stringify({ text: t, settings: {}, source: 'saved' }))
    localStorage.setItem(m, String(Date.now()))
  }, [WORKSPACE_KEY, MARK_KEY, text])
}

test('a start that did not finish reopens in safe mode, showing the saved text unparsed', async ({ page }) => {
  await seedCrash(page)
  await page.goto('/')
  await expect(page.getByTestId('safe-mode')).toBeVisible()
  await expect(page.getByTestId('safe-mode-text')).toContainText('name: saved-one')
  await expect(page.locator('[data-testid="yaml-editor"]')).toHaveCount(0)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.screenshot({ path: 'test-results/safe-mode-1440.png' })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: 'test-results/safe-mode-1280.png' })

  const download = page.waitForEvent('download')
  await page.getByTestId('safe-mode-download').click()
  expect((await download).suggestedFilename()).toBe('membrane-workspace.yaml')

  await page.getByTestId('safe-mode-recover').click()
  await waitForEditor(page)
  expect(await page.evaluate(() => window.membrane.getText())).toContain('saved-one')
  // The load finished: the mark is gone and the next start is normal.
  await expect.poll(() => page.evaluate((m) => localStorage.getItem(m), MARK_KEY)).toBeNull()
  await page.reload()
  await waitForEditor(page)
  await expect(page.getByTestId('safe-mode')).toHaveCount(0)
})

test('safe mode: discard starts from the demo and forgets the saved text', async ({ page }) => {
  await seedCrash(page)
  await page.goto('/')
  await expect(page.getByTestId('safe-mode')).toBeVisible()
  await page.getByTestId('safe-mode-discard').click()
  await page.getByTestId('safe-mode-discard-confirm').click()
  await waitForEditor(page)
  expect(await page.evaluate(() => window.membrane.getText())).not.toContain('saved-one')
})

test('a normal reload never opens safe mode', async ({ page }) => {
  await openFresh(page)
  await page.reload()
  await waitForEditor(page)
  await expect(page.getByTestId('safe-mode')).toHaveCount(0)
})
