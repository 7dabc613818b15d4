import { expect, test } from '@playwright/test'
import { gotoLine, openFresh, setText } from './helpers.ts'

const TWO_RULES = [
  'apiVersion: cilium.io/v2',
  'kind: CiliumNetworkPolicy',
  'metadata:',
  '  name: backend',
  '  namespace: shop',
  'spec:',
  '  endpointSelector:',
  '    matchLabels:',
  '      app: backend',
  '  ingress:',
  '    - fromEndpoints:',
  '        - matchLabels:',
  '            app: frontend',
  '      toPorts:',
  '        - ports:',
  '            - port: "8080"',
  '              protocol: TCP',
  '  egress:',
  '    - toEndpoints:',
  '        - matchLabels:',
  '            app: db',
  '      toPorts:',
  '        - ports:',
  '            - port: "5432"',
  '              protocol: TCP',
  '',
].join('\n')

test('clicking an edge selects and reveals its YAML rule', async ({ page }) => {
  await openFresh(page)
  await setText(page, TWO_RULES)
  const label = page.locator('.edge-label', { hasText: 'TCP/5432' })
  await expect(label).toBeVisible()
  await label.click()
  const sel = await page.evaluate(() => window.membrane.getSelection())
  expect(sel?.kind).toBe('edge')
  expect(sel?.yaml).toContain('app: db')
  expect(sel?.yaml).toContain('5432')
  expect(sel?.yaml).not.toContain('8080')
  // The editor selection is that rule: Monaco draws it as selected text on those lines.
  await expect(page.locator('[data-testid="yaml-editor"] .selected-text').first()).toBeVisible()
  await expect(page.locator('[data-testid="yaml-editor"] .yaml-highlight').first()).toBeVisible()
})

test('moving the cursor in YAML highlights the matching edge', async ({ page }) => {
  await openFresh(page)
  await setText(page, TWO_RULES)
  await expect(page.locator('.edge-label', { hasText: 'TCP/8080' })).toBeVisible()
  await gotoLine(page, 16) // `- port: "8080"` inside the ingress rule
  await expect(page.locator('.edge-label.is-selected')).toHaveText(/TCP\/8080/)
  await gotoLine(page, 21) // `app: db` in the egress rule
  await expect(page.locator('.edge-label.is-selected')).toHaveText(/TCP\/5432/)
})

test('clicking a node selects where it is written', async ({ page }) => {
  await openFresh(page)
  await setText(page, TWO_RULES)
  await page.locator('.react-flow__node[data-id="wl/shop/app=backend"]').click()
  const sel = await page.evaluate(() => window.membrane.getSelection())
  expect(sel).toMatchObject({ kind: 'node', id: 'wl/shop/app=backend' })
  expect(sel?.yaml).toContain('app: backend')
})
