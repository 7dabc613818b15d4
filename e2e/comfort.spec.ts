import { test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { addWorkload, connectNodes, emptyWorkspace, expect, openFresh, setText, text } from './helpers.ts'

const DEMO_FLOWS = 'public/samples/demo-flows.jsonl'

test.describe('dialogs from the keyboard', () => {
  test('connect: titled with labels, focus inside, Escape cancels, Enter writes the defaults shown', async ({ page }) => {
    await emptyWorkspace(page)
    await addWorkload(page, 'shop', 'app=frontend')
    await addWorkload(page, 'shop', 'app=db')
    await connectNodes(page, 'wl/shop/app=frontend', 'wl/shop/app=db')
    const dialog = page.getByTestId('connect-dialog')
    await expect(dialog.getByRole('heading')).toHaveText('app=frontend → app=db')
    await expect(dialog.getByTestId('connect-ports')).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    expect(await text(page)).toBe('')

    await connectNodes(page, 'wl/shop/app=frontend', 'wl/shop/app=db')
    await expect(dialog.getByTestId('connect-ports')).toHaveValue('TCP/8080')
    await page.keyboard.press('Enter')
    await expect(dialog).toHaveCount(0)
    await expect.poll(() => text(page)).toContain('port: "8080"')
    expect(await text(page)).toContain('app: frontend')
  })

  test('confirm: focus on the answer, Escape keeps the work and gives the focus back, Enter confirms', async ({ page }) => {
    await openFresh(page)
    await setText(page, `${await text(page)}# an edit\n`)
    const button = page.getByTestId('new-empty')
    await button.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('confirm-dialog')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('button', { name: /empty|discard|new/i })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(button).toBeFocused()
    expect(await text(page)).toContain('# an edit')
    await page.keyboard.press('Enter')
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Enter')
    await expect.poll(() => text(page)).toBe('')
  })
})

test.describe('theme', () => {
  test('follows the system, toggles, and the choice is kept (editor included)', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await openFresh(page)
    const html = page.locator('html')
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toHaveClass(/vs-dark/)
    const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)

    await page.emulateMedia({ colorScheme: 'light' })
    await expect(html).toHaveAttribute('data-theme', 'light')
    const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    expect(light).not.toBe(dark)

    await page.getByTestId('toggle-theme').click()
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await expect(page.locator('[data-testid="yaml-editor"] .monaco-editor')).toHaveClass(/vs-dark/)
    await page.reload()
    await expect(html).toHaveAttribute('data-theme', 'dark')
  })

  test('allow, deny and audit keep distinct colours in both themes', async ({ page }) => {
    await openFresh(page)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
      const colours = await page.evaluate(() => {
        const s = getComputedStyle(document.documentElement)
        return ['--allow', '--deny', '--audit', '--bg'].map((v) => s.getPropertyValue(v).trim())
      })
      expect(new Set(colours).size).toBe(4)
    }
  })
})

test.describe('layout', () => {
  test('the editor split and the bottom panel resize and collapse; the graph takes the room', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openFresh(page)
    const editor = page.getByTestId('editor-pane')
    const graphPane = page.getByTestId('graph')
    const w0 = (await editor.boundingBox())!.width
    const sep = (await page.getByTestId('separator-editor').boundingBox())!
    await page.mouse.move(sep.x + sep.width / 2, sep.y + 200)
    await page.mouse.down()
    await page.mouse.move(sep.x + 150, sep.y + 200, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await editor.boundingBox())!.width).toBeGreaterThan(w0 + 100)

    const g0 = (await graphPane.boundingBox())!.width
    await page.getByTestId('toggle-editor').click()
    await expect.poll(async () => (await editor.boundingBox())?.width ?? 0).toBeLessThan(2)
    await expect.poll(async () => (await graphPane.boundingBox())!.width).toBeGreaterThan(g0 + 300)
    await page.getByTestId('toggle-editor').click()
    await expect.poll(async () => (await editor.boundingBox())!.width).toBeGreaterThan(250)

    const bottom = page.getByTestId('bottom-pane')
    const h0 = (await bottom.boundingBox())!.height
    expect(h0).toBeGreaterThan(120)
    await page.getByTestId('toggle-bottom-panel').click()
    await expect.poll(async () => (await bottom.boundingBox())!.height).toBeLessThan(35)
    await page.getByTestId('tab-problems').click()
    await expect.poll(async () => (await bottom.boundingBox())!.height).toBeGreaterThan(100)
  })

  test('the toolbar stays on one line at 1280 px, and the Inspector narrows the graph instead of covering it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openFresh(page)
    const bar = page.locator('header.toolbar')
    const fits = await bar.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().height < 48)
    expect(fits).toBe(true)
    await expect(page.getByTestId('keyboard-help')).toBeInViewport({ ratio: 1 })
    const before = (await page.getByTestId('graph').boundingBox())!
    await page.locator('.react-flow__node[data-id="wl/shop/app=backend"]').click()
    const inspector = (await page.getByTestId('inspector').boundingBox())!
    const after = (await page.getByTestId('graph').boundingBox())!
    expect(after.width).toBeLessThan(before.width - 200)
    expect(after.x + after.width).toBeLessThanOrEqual(inspector.x + 1)
  })
})

test('with flows loaded, the toolbar\'s items never run under each other, even narrower than 1280 px', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('load-demo-flows').click()
  await expect(page.getByTestId('would-open')).toBeVisible()
  for (const width of [1280, 1180]) {
    await page.setViewportSize({ width, height: 800 })
    // Each top-level item of the bar, as drawn (an item cut by its own box is cut, not drawn over).
    const boxes = await page.locator('header.toolbar > *').evaluateAll((els) => els
      .map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => [r.left, r.right]))
    for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `item ${i} at ${width} px`).toBeGreaterThanOrEqual(boxes[i - 1][1] - 0.5)
    // The flows group may shrink, but what it holds must not be drawn past it onto the switches:
    // the right edge of each of its buttons as seen (cut at the group's edge when the group clips).
    const seen = await page.locator('.flows-toolbar').evaluate((group) => {
      const edge = group.getBoundingClientRect().right
      const clips = getComputedStyle(group).overflowX !== 'visible'
      return Math.max(...[...group.querySelectorAll('button')].map((b) => Math.min(b.getBoundingClientRect().right, clips ? edge : Infinity)))
    })
    const select = (await page.getByTestId('enforcement-mode').boundingBox())!
    expect(seen, `flow counts at ${width} px`).toBeLessThanOrEqual(select.x)
  }
  // The words stay for screen readers and tests: the button reads "N would break".
  await expect(page.getByTestId('would-break')).toHaveText(/^\d+ would break$/)
})

test.describe('empty workspace and quick actions', () => {
  test('the empty workspace offers each way to start, and each button works', async ({ page }) => {
    await emptyWorkspace(page)
    const card = page.getByTestId('empty-workspace')
    for (const id of ['empty-paste', 'empty-example', 'empty-demo', 'empty-draw', 'empty-flows']) await expect(card.getByTestId(id)).toBeVisible()
    await card.getByTestId('empty-draw').click()
    await expect(card).toHaveCount(0)
    // Drafts are drawn but not in the YAML yet (getGraph lists the YAML's nodes): read the DOM.
    await expect(page.locator('.react-flow__node[data-id="wl/default/app=frontend"]')).toBeVisible()
    await expect(page.locator('.react-flow__node[data-id="wl/default/app=backend"]')).toBeVisible()

    await page.getByTestId('new-empty').click()
    await expect(page.getByTestId('empty-workspace')).toBeVisible()
    await page.getByTestId('empty-demo').click()
    await expect.poll(() => text(page)).toContain('backend-ingress')
  })

  test('"Load flows…" on the empty workspace loads the capture the way the toolbar does: kept across a reload', async ({ page }) => {
    await emptyWorkspace(page)
    const input = page.getByTestId('empty-flows-file')
    await expect(input).toHaveAttribute('multiple', '')
    await input.setInputFiles('public/samples/demo-flows.jsonl')
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
    await page.reload()
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
  })

  test('paste YAML puts the focus in the editor', async ({ page }) => {
    await emptyWorkspace(page)
    await page.getByTestId('empty-paste').click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="yaml-editor"]') !== null)).toBe(true)
    await expect(page.getByTestId('empty-message')).toContainText('Ctrl+V')
  })

  test('a selected workload offers its policy actions as Inspector buttons', async ({ page }) => {
    await openFresh(page)
    await page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]').click()
    const quick = page.getByTestId('inspector-quick-actions')
    await expect(quick.getByTestId('quick-allow-dns')).toBeVisible()
    await quick.getByTestId('quick-allow-fqdn').click()
    await quick.getByTestId('quick-ask-input').fill('api.example.com')
    await page.keyboard.press('Enter')
    await expect.poll(() => text(page)).toContain('api.example.com')
  })

  test('the focus view has a one-click Allow kube-dns', async ({ page }) => {
    await openFresh(page)
    await setText(page, 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec:\n  endpointSelector: {matchLabels: {app: api}}\n  egress:\n    - toEndpoints: [{matchLabels: {app: db}}]\n')
    await page.getByTestId('view-focus').click()
    const before = await text(page)
    await page.getByTestId('focus-allow-dns').click()
    await expect.poll(() => text(page)).not.toBe(before)
    expect(await text(page)).toMatch(/kube-dns/)
  })
})

test('the Problems count is what the editor marks, schema markers included', async ({ page }) => {
  await openFresh(page)
  await setText(page, 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: shop}\nspec:\n  endpointSelector: {}\n  ingress:\n    - fromEndpoints: [{}]\n      toPorts: [{ports: [{port: 80, protocol: TCPX}]}]\n')
  const problems = page.getByTestId('problems')
  await expect(problems.locator('li[data-source="yaml"]').first()).toBeVisible()
  const listed = await problems.locator('li').count()
  await expect(page.getByTestId('problems-count')).toHaveText(String(listed))
})

test.describe('agent settings', () => {
  test('importing a cilium-config with policy-audit-mode turns the demo flows’ denials amber', async ({ page }) => {
    await openFresh(page)
    const flows = readFileSync(DEMO_FLOWS, 'utf8')
    await page.evaluate((t) => window.membrane.loadFlows(t), flows)
    const before = await page.evaluate(() => window.membrane.getVerdicts())
    expect(before.summary.denied).toBeGreaterThan(0)
    expect(before.summary.audit).toBe(0)

    await page.getByTestId('open-settings').click()
    const panel = page.getByTestId('settings-panel')
    await panel.getByTestId('settings-import-text').fill('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n  namespace: kube-system\ndata:\n  policy-audit-mode: "true"\n  cluster-pool-ipv4-cidr: 10.0.0.0/8\n')
    await panel.getByTestId('settings-import-read').click()
    await expect(panel.getByTestId('settings-import-read-keys')).toContainText('policy-audit-mode')
    await expect(panel.getByTestId('settings-import-ignored')).toContainText('1 keys ignored')
    await expect(panel.getByTestId('setting-auditMode')).toBeChecked()
    await expect(page.getByTestId('audit-mode')).toBeChecked()
    await expect.poll(async () => (await page.evaluate(() => window.membrane.getVerdicts())).summary.audit).toBeGreaterThan(0)
    const after = await page.evaluate(() => window.membrane.getVerdicts())
    expect(after.summary.denied).toBeLessThan(before.summary.denied)
    // Saved with the workspace.
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')))
    await page.reload()
    await page.getByTestId('open-settings').click()
    await expect(page.getByTestId('setting-auditMode')).toBeChecked()
  })

  test('switching the Cilium version flips the L7 rule under default-allow (§3.3)', async ({ page }) => {
    await openFresh(page)
    await setText(page, `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  enableDefaultDeny: {ingress: false}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/public"}]}}]
`)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('setting-ciliumVersion').selectOption('1.18')
    await page.getByTestId('tab-trace').click()
    const trace = page.getByTestId('trace')
    await trace.getByTestId('trace-from-peer').selectOption('wl/shop/app=web')
    await trace.getByTestId('trace-to-peer').selectOption('wl/shop/app=api')
    await trace.getByTestId('trace-port').fill('80')
    await trace.getByTestId('trace-http-method').fill('GET')
    await trace.getByTestId('trace-http-path').fill('/private')
    await trace.getByTestId('trace-run').click()
    await expect(trace.getByTestId('trace-verdict')).toHaveText('allowed')
    await page.getByTestId('setting-ciliumVersion').selectOption('1.17')
    await expect(trace.getByTestId('trace-verdict')).toHaveText('denied')
  })
})
