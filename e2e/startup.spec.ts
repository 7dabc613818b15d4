import { expect, test } from '@playwright/test'

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

test('no request leaves the page origin', async ({ page, baseURL }) => {
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
  expect(foreign).toEqual([])
  // The built page carries a Content-Security-Policy that allows only its own origin.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("connect-src 'self'")
})
