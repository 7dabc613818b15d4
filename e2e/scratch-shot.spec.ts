import { expect, test } from '@playwright/test'
import { openFresh } from './helpers.ts'
for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
  test(`shot ${w}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h })
    await openFresh(page)
    await page.getByTestId('load-demo-flows').click()
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
    await page.getByTestId('tab-flows').click()
    const box = async (id: string) => page.getByTestId(id).boundingBox()
    console.log(w, JSON.stringify({ sum: await box('flows-summary'), open: await box('would-open'), enf: await box('enforcement-mode'), brk: await box('would-break') }))
    await page.screenshot({ path: `/tmp/hflows/shot-${w}.png` })
    await page.getByTestId('flows-summary').click()
    await page.screenshot({ path: `/tmp/hflows/menu-${w}.png` })
  })
}
test('measure 1280', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await openFresh(page)
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('would-open')).toBeVisible()
  console.log(await page.locator('.flows-toolbar').evaluate((el) => JSON.stringify({ sw: el.scrollWidth, cw: el.clientWidth, kids: [...el.children].map((c) => [c.getAttribute('data-testid'), (c as HTMLElement).offsetLeft, (c as HTMLElement).offsetWidth]) })))
})
