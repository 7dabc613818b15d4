import { test } from '@playwright/test'
import { expect } from './helpers.ts'

test('the graph paints before the editor (Monaco) has loaded', async ({ page }) => {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  // Hold back the editor's chunk: the demo graph must already be on screen without it.
  await page.route(/YamlPane-[^/]*\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/')
  await expect(page.getByTestId('yaml-loading')).toBeVisible()
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]')).toBeVisible()
  await expect(page.locator('.edge-label', { hasText: 'TCP/8080' }).first()).toBeVisible()
  release()
  await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toBeVisible({ timeout: 20_000 })
})

test('no request leaves the page origin, through a whole journey: examples, trace, share link, exports, a declined policy-url', async ({ page, baseURL }) => {
  const foreign: string[] = []
  const origin = new URL(baseURL ?? '').host
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.host !== origin) foreign.push(r.url())
  })
  await page.goto('/')
  await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('examples-menu').selectOption('l7-http')
  await page.getByTestId('tab-trace').click()
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('flows-summary')).toBeVisible()
  // Share link: made and opened in place (a same-page navigation to the fragment).
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share-link').click()
  const link = await page.getByTestId('share-link').inputValue()
  await page.keyboard.press('Escape')
  await page.goto(link)
  await expect.poll(() => page.url()).not.toContain('#ws=')
  // Exports and a download: all made in the page.
  for (const item of ['export-svg', 'export-png', 'export-csv', 'export-markdown', 'download-per-policy']) {
    const download = page.waitForEvent('download')
    await page.getByTestId('file-menu').click()
    await page.getByTestId(`file-${item}`).click()
    expect((await download).suggestedFilename()).not.toBe('')
  }
  // ?policy-url= pointing off-origin, declined: nothing is fetched.
  await page.goto('/?policy-url=https://policies.example.test/p.yaml')
  await expect(page.getByTestId('policy-url-address')).toHaveText('https://policies.example.test/p.yaml')
  await page.getByTestId('policy-url-decline').click()
  await expect(page.getByTestId('policy-url-dialog')).toHaveCount(0)
  expect(foreign).toEqual([])
  // The built page carries a Content-Security-Policy that allows only its own origin, plus https
  // for the one fetch a user confirms (?policy-url=, see scripts/security-headers.ts).
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("connect-src 'self' https:;")
  expect(csp).toContain("script-src 'self';")
})
