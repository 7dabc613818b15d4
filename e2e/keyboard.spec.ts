import { test } from '@playwright/test'
import { expect, openFresh, settled } from './helpers.ts'

test('graph keyboard: / searches nodes, Escape clears, F fits, Tab goes to the editor', async ({ page }) => {
  await openFresh(page)
  const pane = page.locator('.react-flow__pane')
  await pane.click({ position: { x: 5, y: 300 } })

  // `/` focuses the node search; Enter selects the first match.
  await page.keyboard.press('/')
  await expect(page.getByTestId('node-search')).toBeFocused()
  await page.keyboard.type('prometheus')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => window.membrane.getSelection()?.id)).toBe('wl/monitoring/app=prometheus')
  await expect(page.getByTestId('inspector')).toContainText('pods labelled app=prometheus in namespace monitoring')

  // Escape clears the selection (and closes the inspector).
  // The first Escape leaves the search field; the selection is still there.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('node-search')).not.toBeFocused()
  expect(await page.evaluate(() => window.membrane.getSelection()?.id)).toBe('wl/monitoring/app=prometheus')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('inspector')).toHaveCount(0)
  await expect.poll(() => page.evaluate(() => window.membrane.getSelection())).toBeNull()

  // F fits the view: the search zoomed in on one node; F brings everything back.
  const viewport = (): Promise<string | null> => page.locator('.react-flow__viewport').getAttribute('style')
  await page.keyboard.press('f')
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')).toBeVisible()
  // The fit animates (200 ms): wait until the viewport is at rest.
  const fitted = await settled(viewport)
  await page.mouse.move(900, 400)
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -300)
  await expect.poll(viewport).not.toBe(fitted)
  await page.keyboard.press('f')
  await expect.poll(viewport).toBe(fitted)

  // Tab moves focus from the graph to the editor.
  await page.keyboard.press('Tab')
  await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toHaveClass(/focused/)
})
