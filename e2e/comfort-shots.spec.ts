import { expect, test } from '@playwright/test'
import { connectNodes, openFresh } from './helpers.ts'

// Screenshots of every screen this change touches, both sizes, both themes (looked at by hand).
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screens at ${size.width}x${size.height} ${theme}`, async ({ page }) => {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: theme })
      await openFresh(page)
      await page.waitForTimeout(800)
      const tag = `${size.width}x${size.height}-${theme}`
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await page.screenshot({ path: `test-results/comfort/demo-${tag}.png` })
      const node = page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')
      await node.click()
      await page.waitForTimeout(300)
      await page.screenshot({ path: `test-results/comfort/inspector-${tag}.png` })
      await page.getByTestId('open-settings').click()
      await page.waitForTimeout(300)
      await expect(page.getByTestId('settings-panel')).toBeVisible()
      await page.screenshot({ path: `test-results/comfort/settings-${tag}.png` })
      await page.getByTestId('settings-close').click()
      await page.getByTestId('view-focus').click()
      await page.getByTestId('focus-policy').selectOption('CiliumNetworkPolicy/shop/backend-ingress')
      await page.waitForTimeout(300)
      await page.screenshot({ path: `test-results/comfort/focus-${tag}.png` })
      await page.getByTestId('view-cluster').click()
      await page.getByTestId('new-empty').click()
      const confirm = page.getByTestId('confirm-dialog')
      if (await confirm.isVisible()) {
        await page.screenshot({ path: `test-results/comfort/confirm-${tag}.png` })
        await page.keyboard.press('Enter')
      }
      await page.waitForTimeout(500)
      await expect(page.getByTestId('empty-workspace')).toBeVisible()
      await page.screenshot({ path: `test-results/comfort/empty-${tag}.png` })
      await page.getByTestId('empty-draw').click()
      await page.waitForTimeout(800)
      await page.screenshot({ path: `test-results/comfort/drawn-${tag}.png` })
      await connectNodes(page, 'wl/default/app=frontend', 'wl/default/app=backend')
      await page.waitForTimeout(300)
      await expect(page.getByTestId('connect-dialog').getByRole('heading')).toHaveText('app=frontend → app=backend')
      await page.screenshot({ path: `test-results/comfort/connect-${tag}.png` })
    })
  }
}
