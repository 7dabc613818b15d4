import type { Page } from '@playwright/test'
import { expect as playwrightExpect } from '@playwright/test'
// Type-only: the specs see exactly the API the app installs, and nothing of the app is loaded here.
import type { MembraneApi, PublicGraph } from '../src/app/membrane-api.ts'

export type { PublicGraph }

declare global {
  interface Window {
    membrane: MembraneApi
  }
}

/**
 * Playwright's expect, with expect.poll probing every 50 ms at first instead of after 100, 250,
 * 500 and then 1000 ms: most polls here wait for a text or a count that changes a few hundred ms
 * after a click, and the back-off made them wait up to half a second more. Same matchers, same
 * timeouts; an explicit `intervals` still wins.
 */
export const POLL_INTERVALS = [50, 50, 100, 100, 250]
export const expect = playwrightExpect.extend({})
const poll = expect.poll.bind(expect)
expect.poll = ((actual, options) =>
  poll(actual, typeof options === 'string' ? { message: options, intervals: POLL_INTERVALS } : { intervals: POLL_INTERVALS, ...options })) as typeof poll

/**
 * Opens the app on a clean workspace and waits for the editor; call it first thing on the test's
 * own `page`. One load is enough: every test gets a new browser context, so no autosave of an
 * earlier test is there (the second load that used to follow a localStorage.clear() cost about a
 * second per test and cleared nothing: the context's storage was already empty).
 */
export async function openFresh(page: Page, errors: string[] = []): Promise<void> {
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto('/')
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

/**
 * Polls `read` until two reads in a row give the same value that is not null (an animation or a
 * layout has come to rest), and returns that value. The poll interval is the only wait.
 */
export async function settled<T>(read: () => Promise<T | null>, timeout = 10_000): Promise<T> {
  let last: string | undefined
  let value: T | null = null
  await expect
    .poll(
      async () => {
        value = await read()
        const now = value === null ? undefined : JSON.stringify(value)
        const same = now !== undefined && now === last
        last = now
        return same
      },
      { intervals: [250], timeout },
    )
    .toBe(true)
  return value as T
}

/** Drags from the right (source) handle of one node to the left (target) handle of another. */
export async function connectNodes(page: Page, from: string, to: string): Promise<void> {
  // A new node may trigger a layout (which moves nodes and fits the view): wait until still.
  await settled(() => page.locator(`.react-flow__node[data-id="${to}"]`).boundingBox())
  const source = page.locator(`.react-flow__handle.source[data-nodeid="${from}"]`)
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`)
  await page.locator(`.react-flow__node[data-id="${from}"]`).hover()
  const a = (await source.boundingBox())!
  const b = (await target.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 })
  await page.mouse.up()
}

/** Adds a workload to the picture through the palette. */
export async function addWorkload(page: Page, namespace: string, labels: string): Promise<void> {
  await page.getByTestId('palette-add-workload').click()
  await page.getByTestId('palette-ns-input').fill(namespace)
  await page.getByTestId('palette-labels').fill(labels)
  await page.getByTestId('palette-add').click()
}

export async function text(page: Page): Promise<string> {
  return page.evaluate(() => window.membrane.getText())
}

/** Starts from an empty workspace (confirming the discard of the demo if asked). */
export async function emptyWorkspace(page: Page): Promise<void> {
  await openFresh(page)
  await page.getByTestId('new-empty').click()
  await expect.poll(() => text(page)).toBe('')
}
