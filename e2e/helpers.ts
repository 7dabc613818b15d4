import type { Page } from '@playwright/test'
import { expect } from '@playwright/test'

export interface PublicGraph {
  nodes: { id: string; kind: string; label: string }[]
  edges: { id: string; source: string; target: string; kind: string; label: string }[]
}

declare global {
  interface Window {
    membrane: {
      getText(): string
      setText(yaml: string): void
      getGraph(): PublicGraph
      getSelection(): { kind: string; id: string; yaml: string } | null
    }
  }
}

/** Opens the app on a clean workspace (no autosave from an earlier test) and waits for the editor. */
export async function openFresh(page: Page, errors: string[] = []): Promise<void> {
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await waitForEditor(page)
}

export async function waitForEditor(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toBeVisible({ timeout: 20_000 })
}

export async function graph(page: Page): Promise<PublicGraph> {
  return page.evaluate(() => window.membrane.getGraph())
}

/** Sets the whole text through Monaco's model (typing newlines would auto-indent, pitfall 5). */
export async function setText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => window.membrane.setText(t), text)
}

/** Puts the cursor at the start of `line` (1-based) by clicking into the editor and using keys. */
export async function gotoLine(page: Page, line: number): Promise<void> {
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  await page.keyboard.press('Control+Home')
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Home')
}
