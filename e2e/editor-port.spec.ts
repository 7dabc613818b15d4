import { expect, test } from '@playwright/test'
import { openFresh, setText } from './helpers.ts'

// Other panes reach the editor only through the port the YAML pane registers (src/store/editor-port.ts).

const UNKNOWN_FIELD = [
  'apiVersion: cilium.io/v2',
  'kind: CiliumNetworkPolicy',
  'metadata:',
  '  name: backend',
  '  namespace: shop',
  'spec:',
  '  endpointSelector:',
  '    matchLabels:',
  '      app: backend',
  '  bogusField: 1',
  '',
].join('\n')

test('clicking a problem puts the editor cursor on its line and focuses the editor', async ({ page }) => {
  await openFresh(page)
  await setText(page, UNKNOWN_FIELD)
  // Ours, not monaco-yaml's schema marker for the same key (both are listed, as the editor marks both).
  const problem = page.getByTestId('problems').locator('li[data-source="membrane"]').getByRole('button', { name: /bogusField/ })
  await expect(problem).toContainText('10:')
  const editor = page.locator('[data-testid="yaml-editor"] .monaco-editor')
  await expect(editor).not.toHaveClass(/focused/)
  await problem.click()
  await expect(editor).toHaveClass(/focused/)
  await expect(editor.locator('.line-numbers.active-line-number')).toHaveText('10')
})
