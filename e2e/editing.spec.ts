import { test } from '@playwright/test'
import { expect, gotoLine, graph, openFresh, setText } from './helpers.ts'

const POLICY = [
  'apiVersion: cilium.io/v2',
  'kind: CiliumNetworkPolicy',
  'metadata:',
  '  name: allow-frontend-to-backend',
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
  '',
].join('\n')

test('typing a bad key marks its line while the graph keeps its last good state', async ({ page }) => {
  await openFresh(page)
  await setText(page, POLICY)
  await expect.poll(async () => (await graph(page)).edges.length).toBe(1)
  // Line 7 is `  endpointSelector:`; type an unknown field above it, at the spec's indentation.
  await gotoLine(page, 7)
  // Home puts the cursor after the indentation; Enter then re-indents the rest of the line.
  await page.keyboard.type('bogusField: 1')
  await page.keyboard.press('Enter')
  await expect
    .poll(() =>
      page.evaluate(() => {
        const text = window.membrane.getText()
        return text.split('\n')[6]
      }),
    )
    .toBe('  bogusField: 1')
  // A warning squiggle appears, and the Problems pane names the field with its line.
  await expect(page.locator('[data-testid="yaml-editor"] .squiggly-warning, [data-testid="yaml-editor"] .squiggly-error').first()).toBeVisible()
  await expect(page.getByTestId('problems')).toContainText('bogusField')
  await expect(page.getByTestId('problems')).toContainText('7:')

  // Now break the YAML itself: the graph keeps the last good model, greyed, with the error shown.
  await gotoLine(page, 4)
  // `@` cannot start a plain YAML value (and, unlike a bracket, Monaco does not auto-close it).
  await page.keyboard.type('bad: @oops')
  await page.keyboard.press('Enter')
  await expect(page.locator('.graph-pane__stale')).toBeVisible()
  await expect(page.locator('.graph--stale')).toBeVisible()
  const g = await graph(page)
  expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['wl/shop/app=frontend->wl/shop/app=backend'])
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')).toBeVisible()
  await expect(page.getByTestId('problems')).toContainText('4:')
})

test('typing spaces and newlines in the editor behaves normally', async ({ page }) => {
  await openFresh(page)
  await setText(page, 'a: 1\n')
  await gotoLine(page, 1)
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('b: two words here')
  await page.keyboard.press('Enter')
  await page.keyboard.type('c:  x')
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toBe('a: 1\nb: two words here\nc:  x\n')
})

test('a reload restores the text exactly', async ({ page }) => {
  await openFresh(page)
  await setText(page, POLICY)
  await gotoLine(page, 1)
  await page.keyboard.type('# my edit with  two spaces')
  await page.keyboard.press('Enter')
  const before = await page.evaluate(() => window.membrane.getText())
  expect(before.startsWith('# my edit with  two spaces\n')).toBe(true)
  await page.reload()
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toBe(before)
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]')).toBeVisible()
})

test('reset to demo and new empty ask before discarding edits', async ({ page }) => {
  await openFresh(page)
  await setText(page, POLICY)
  await page.getByTestId('new-empty').click()
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(await page.evaluate(() => window.membrane.getText())).toBe(POLICY)
  await page.getByTestId('new-empty').click()
  await dialog.getByRole('button', { name: /Discard/ }).click()
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toBe('')
  // Undo in the editor brings the work back.
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  await page.keyboard.press('Control+z')
  await expect.poll(() => page.evaluate(() => window.membrane.getText())).toBe(POLICY)
  await page.getByTestId('reset-demo').click()
  await dialog.getByRole('button', { name: 'Reset to demo' }).click()
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]')).toBeVisible()
})
