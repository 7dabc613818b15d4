import { test } from '@playwright/test'
import { expect, gotoLine, openFresh, setText } from './helpers.ts'

/** The seed's pitfall 1: toFQDNs with no DNS rule, so the proxy never learns the IPs. */
const FQDN_NO_DNS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-external-apis
  namespace: payments
spec:
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`

const GATEWAY = '.react-flow__node[data-id="wl/payments/app=pg-gateway"]'

test('toFQDNs without a DNS rule: marker, badge and quick fix; the fix clears them', async ({ page }) => {
  const errors: string[] = []
  await openFresh(page, errors)
  await setText(page, FQDN_NO_DNS)

  const problems = page.getByTestId('problems')
  const row = problems.locator('[data-code="fqdn-without-dns-proxy"]')
  await expect(row).toContainText('no egress DNS rule')
  await expect(row).toContainText('11:7')
  // The parser's markers and ours: an error squiggle on the toFQDNs element.
  await expect(page.locator('[data-testid="yaml-editor"] .squiggly-error').first()).toBeVisible()
  const badge = page.locator(`${GATEWAY} [data-testid="lint-badge"]`)
  await expect(badge).toHaveAttribute('data-severity', 'error')
  await expect(row.getByTestId('lint-fix')).toContainText('Add a DNS rule')

  for (const [width, height] of [[1440, 900], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await page.waitForTimeout(300)
    await page.screenshot({ path: `test-results/lint-fqdn-${width}x${height}.png` })
  }

  // The quick fix as a Monaco code action: cursor on the marker, Ctrl+. , pick it.
  await gotoLine(page, 11)
  await page.keyboard.press('End')
  await page.keyboard.press('Control+.')
  const action = page.locator('.action-widget, .context-view').getByText('Add a DNS rule', { exact: false }).first()
  await expect(action).toBeVisible()
  await action.click()

  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toContain('k8s-app: kube-dns')
  await expect(row).toHaveCount(0)
  await expect(badge).toHaveCount(0)
  await expect(page.locator('[data-testid="yaml-editor"] .squiggly-error')).toHaveCount(0)
  // One undo step takes the fix back, and the finding returns.
  await page.keyboard.press('Control+z')
  await expect(row).toHaveCount(1)
  expect(errors).toEqual([])
})

test('the Problems pane fix button applies the same fix', async ({ page }) => {
  await openFresh(page)
  await setText(page, FQDN_NO_DNS)
  const row = page.getByTestId('problems').locator('[data-code="fqdn-without-dns-proxy"]')
  await row.getByTestId('lint-fix').click()
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toContain('matchPattern: "*"')
  await expect(row).toHaveCount(0)
})
