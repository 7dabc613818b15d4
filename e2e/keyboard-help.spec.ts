import { test } from '@playwright/test'
import { expect, openFresh } from './helpers.ts'

test('? opens the keyboard help listing the actions with their keys; Escape closes only it', async ({ page }) => {
  await openFresh(page)
  const help = page.getByTestId('keyboard-help-overlay')
  const backend = page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')
  await backend.click()
  await expect.poll(() => page.evaluate(() => window.membrane.getSelection()?.id)).toBe('wl/shop/app=backend')

  await page.keyboard.press('?')
  await expect(help).toBeVisible()
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible()
  await expect(help.getByTestId('shortcut-undo')).toHaveText(/Ctrl\+Z\s*Undo/)
  await expect(help.getByTestId('shortcut-redo')).toHaveText(/Ctrl\+Shift\+Z or Ctrl\+Y\s*Redo/)
  await expect(help.getByTestId('shortcut-delete')).toHaveText(/Delete or Backspace\s*Delete rule/)
  await expect(help.getByTestId('shortcut-clear-selection')).toHaveText(/Esc\s*Clear the selection/)
  await expect(help.getByTestId('shortcut-fit-view')).toHaveText(/F\s*Fit the view/)
  await expect(help.getByTestId('shortcut-search-nodes')).toHaveText(/\/\s*Search nodes/)
  await expect(help.getByTestId('shortcut-focus-editor')).toHaveText(/Tab\s*Go to the editor/)
  await expect(help.getByTestId('shortcut-keyboard-help')).toHaveText(/\?\s*Keyboard shortcuts/)
  // Actions without a key (node policy actions) are in the context menu, not here.
  await expect(help).not.toContainText('Isolate namespace')

  // Escape closes the overlay and does not also clear the selection underneath.
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  expect(await page.evaluate(() => window.membrane.getSelection()?.id)).toBe('wl/shop/app=backend')
})

test('the toolbar ? button opens the keyboard help, in either view; Close and a click outside close it', async ({ page }) => {
  await openFresh(page)
  const help = page.getByTestId('keyboard-help-overlay')
  const button = page.getByTestId('keyboard-help')
  await expect(button).toHaveAccessibleName('Keyboard shortcuts')
  await expect(button).toHaveText('?')

  await button.click()
  await expect(help).toBeVisible()
  await expect(help.getByTestId('keyboard-help-close')).toBeFocused()
  await help.getByTestId('keyboard-help-close').click()
  await expect(help).toHaveCount(0)

  await page.getByTestId('view-focus').click()
  await expect(page.getByTestId('view-focus')).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('?')
  await expect(help).toBeVisible()
  await page.mouse.click(10, 10)
  await expect(help).toHaveCount(0)
})

test('? typed in the editor is text, not a shortcut', async ({ page }) => {
  await openFresh(page)
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('# why?')
  await expect.poll(() => page.evaluate(() => window.membrane.getText().endsWith('# why?'))).toBe(true)
  await expect(page.getByTestId('keyboard-help-overlay')).toHaveCount(0)
})
