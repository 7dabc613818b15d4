import { test } from '@playwright/test'
import { addWorkload, connectNodes, expect, openFresh, setText, text } from './helpers.ts'

const BASE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
`

test('undoing a connect that used a palette node leaves the node on the picture, ready to reconnect', async ({ page }) => {
  await openFresh(page)
  await setText(page, BASE)
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')).toBeVisible()
  await addWorkload(page, 'shop', 'app=db')
  const db = page.locator('.react-flow__node[data-id="wl/shop/app=db"] .member-node')
  await expect(db).toHaveClass(/is-draft/)

  await connectNodes(page, 'wl/shop/app=backend', 'wl/shop/app=db')
  await page.getByTestId('connect-dialog').getByTestId('connect-apply').click()
  await expect.poll(() => text(page)).toContain('name: allow-backend-to-db')
  const written = await text(page)
  await expect(db).not.toHaveClass(/is-draft/)

  // Ctrl+Z from the graph pane: the rule goes, the palette node stays (dashed again).
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 400 } })
  await page.keyboard.press('Control+z')
  await expect.poll(() => text(page)).toBe(BASE)
  await expect(db).toHaveClass(/is-draft/)

  await page.keyboard.press('Control+Shift+z')
  await expect.poll(() => text(page)).toBe(written)
  await expect(db).not.toHaveClass(/is-draft/)
})
