import { expect, test } from '@playwright/test'
import { gotoLine, openFresh, setText } from './helpers.ts'

test('the schema drives completion and hover docs in the editor', async ({ page }) => {
  await openFresh(page)
  await setText(page, 'apiVersion: cilium.io/v2\nkind: \n')
  await gotoLine(page, 2)
  await page.keyboard.press('End')
  await page.keyboard.press('Control+Space')
  const suggest = page.locator('[data-testid="yaml-editor"] .suggest-widget')
  await expect(suggest).toBeVisible()
  await expect(suggest).toContainText('CiliumNetworkPolicy')
  await expect(suggest).toContainText('CiliumClusterwideNetworkPolicy')
  await page.keyboard.press('Escape')

  // Hovering a field shows its description from our schema.
  await setText(page, 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\nspec:\n  endpointSelector: {}\n  ingress: []\n')
  const token = page.locator('[data-testid="yaml-editor"] .view-line span', { hasText: 'endpointSelector' }).first()
  await expect(token).toBeVisible()
  await token.hover()
  await expect(page.locator('.monaco-hover').first()).toBeVisible()
  await expect(page.locator('.monaco-hover').first()).toContainText('Pods this rule applies to')
})

test('an entity outside the schema enum is flagged by the schema', async ({ page }) => {
  await openFresh(page)
  await setText(
    page,
    'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\n  namespace: a\nspec:\n  endpointSelector: {}\n  egress:\n    - toEntities: [wrld]\n',
  )
  await expect(page.locator('[data-testid="yaml-editor"] .squiggly-warning, [data-testid="yaml-editor"] .squiggly-error').first()).toBeVisible()
  await expect(page.getByTestId('problems')).toContainText('wrld')
})
