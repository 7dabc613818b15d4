import { test } from '@playwright/test'
import { expect, openFresh, waitForEditor } from './helpers.ts'

const policy = (name: string): string =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec: {endpointSelector: {}, ingress: [{}]}\n`

test('two tabs: a tab without edits follows the other; when both have edits both are kept and the user is told', async ({ page, context }) => {
  await openFresh(page)
  const other = await context.newPage()
  await other.goto('/')
  await waitForEditor(other)

  // Tab 1 edits and saves; tab 2 has no edits of its own, so it follows.
  await page.evaluate((t) => { window.membrane.setText(t) }, policy('from-tab-one'))
  await expect.poll(() => other.evaluate(() => window.membrane.getText())).toContain('from-tab-one')

  // Now both edit: tab 2 saves first (pagehide-free: its autosave), then tab 1 saves over it.
  await other.evaluate((t) => { window.membrane.setText(t) }, policy('from-tab-two'))
  await expect.poll(() => page.getByTestId('other-tab-banner').count()).toBe(0)
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toContain('from-tab-two') // tab 1 had saved: it follows
  await page.evaluate((t) => { window.membrane.setText(t) }, policy('edited-in-one'))
  await other.evaluate(() => {
    // Tab 2 types without its autosave having run yet: simulated by an edit the store has not written.
    window.membrane.setText(window.membrane.getText().replace('from-tab-two', 'edited-in-two'))
  })
  // The tab whose edit was not saved yet when the other wrote keeps its text and shows the banner;
  // the other's version is kept aside: both edits survive in storage.
  const banners = async (): Promise<number> => (await page.getByTestId('other-tab-banner').count()) + (await other.getByTestId('other-tab-banner').count())
  await expect.poll(banners).toBeGreaterThan(0)
  // Both autosaves have run: the workspace and the version kept aside, as IndexedDB holds them.
  const stored = (): Promise<string> => page.evaluate(() => new Promise<string>((resolve, reject) => {
    const open = indexedDB.open('membrane-workspace')
    open.onerror = () => reject(new Error('open failed'))
    open.onsuccess = () => {
      const db = open.result
      const os = db.transaction('workspace').objectStore('workspace')
      const current = os.get('current')
      const aside = os.get('other-tab')
      os.transaction.oncomplete = () => {
        db.close()
        resolve(`${(current.result as { text?: string } | undefined)?.text}\n${(aside.result as { text?: string } | undefined)?.text}`)
      }
    }
  }))
  await expect.poll(stored).toContain('edited-in-one')
  await expect.poll(stored).toContain('edited-in-two')
  await page.setViewportSize({ width: 1440, height: 900 })
  await other.setViewportSize({ width: 1440, height: 900 })
  const shown = (await page.getByTestId('other-tab-banner').count()) > 0 ? page : other
  await shown.screenshot({ path: 'test-results/other-tab-1440.png' })
  await shown.setViewportSize({ width: 1280, height: 800 })
  await shown.screenshot({ path: 'test-results/other-tab-1280.png' })
})
