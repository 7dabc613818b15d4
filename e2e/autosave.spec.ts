import { test } from '@playwright/test'
import { expect, openFresh, waitForEditor } from './helpers.ts'

/** The text IndexedDB holds for the workspace, read as a second page would (its length, to stay cheap). */
const storedLength = (): Promise<number> => new Promise((resolve, reject) => {
  const open = indexedDB.open('membrane-workspace')
  open.onerror = () => reject(new Error('open failed'))
  open.onsuccess = () => {
    const db = open.result
    const get = db.transaction('workspace').objectStore('workspace').get('current')
    get.onsuccess = () => {
      db.close()
      resolve(((get.result as { text?: string } | undefined)?.text ?? '').length)
    }
  }
})

test('a workspace over 5 MB (past what localStorage holds) survives a reload', async ({ page }) => {
  await openFresh(page)
  const length = await page.evaluate(() => {
    const policy = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: big-one, namespace: shop}\nspec: {endpointSelector: {}, ingress: [{}]}\n'
    const text = `${policy}${`# ${'x'.repeat(78)}\n`.repeat(75_000)}`
    window.membrane.setText(text)
    return text.length
  })
  expect(length).toBeGreaterThan(5.5 * 1024 * 1024)
  await expect.poll(() => page.evaluate(storedLength), { timeout: 20_000 }).toBe(length)
  await expect(page.getByText('Autosave off')).toHaveCount(0)
  // Nothing of the workspace is left in localStorage (moved out, never written there again).
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('membrane.workspace')))).toEqual([])
  await page.reload()
  await waitForEditor(page)
  await expect.poll(() => page.evaluate(() => window.membrane.getText().length)).toBe(length)
  expect(await page.evaluate(() => window.membrane.getText().includes('name: big-one'))).toBe(true)
})

test('where IndexedDB is missing the page says the workspace is kept in localStorage, and keeps it', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
  })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  // Said at start (a notice shows for a few seconds: checked before waiting on the editor).
  await expect(page.getByText(/no IndexedDB: the workspace is kept in localStorage/)).toBeVisible()
  await page.screenshot({ path: 'test-results/no-indexeddb-1440.png' })
  await waitForEditor(page)
  await page.evaluate(() => window.membrane.setText('# kept in localStorage\n'))
  await expect.poll(() => page.evaluate(() => localStorage.getItem('membrane.workspace.v1') ?? '')).toContain('kept in localStorage')
  await page.reload()
  await waitForEditor(page)
  expect(await page.evaluate(() => window.membrane.getText())).toBe('# kept in localStorage\n')
})
