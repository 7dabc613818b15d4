/**
 * `membrane serve` end to end: the bundled CLI on a free port with a temp policy folder and a pipe
 * on its standard input, the page in real Chromium. One server and one page for the whole file
 * (the tests run in order and build on each other), so the file stays well under a minute.
 */
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureCli } from '../scripts/build-cli.mjs'
import { expect, graph, waitForEditor } from './helpers.ts'

const FIXTURE = 'fixtures/hubble/kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl'

const REVIEWS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: reviews
  namespace: bookinfo
spec:
  endpointSelector:
    matchLabels: {app: reviews}
  ingress:
    - fromEndpoints:
        - matchLabels: {app: productpage}
      toPorts:
        - ports: [{port: "9080", protocol: TCP}]
`
const DETAILS = `# details: only the product page
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: details
  namespace: bookinfo
spec:
  endpointSelector:
    matchLabels: {app: details}
  ingress:
    - fromEndpoints:
        - matchLabels: {app: productpage}
`
const RATINGS = '{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"ratings","namespace":"bookinfo"},"spec":{"endpointSelector":{"matchLabels":{"app":"ratings"}},"ingress":[{}]}}'

test.describe.configure({ mode: 'serial' })

let dir: string
let server: ChildProcessWithoutNullStreams
let page: Page
const file = (p: string): string => path.join(dir, 'policies', p)
const bytes = (p: string): Buffer => readFileSync(file(p))

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000)
  dir = mkdtempSync(path.join(tmpdir(), 'membrane-serve-e2e-'))
  mkdirSync(path.join(dir, 'policies', 'shop'), { recursive: true })
  writeFileSync(file('reviews.yaml'), REVIEWS)
  writeFileSync(file('shop/details.yml'), DETAILS)
  // No final newline: its bytes must survive the round trip exactly.
  writeFileSync(file('ratings.json'), RATINGS)
  writeFileSync(file('README.md'), 'not a policy\n')
  await ensureCli()
  // The installed command: bin/membrane.js running the bundle.
  writeFileSync(path.join(dir, 'cluster.json'), readFileSync('public/samples/demo-cluster.json'))
  server = spawn(process.execPath, ['bin/membrane.js', 'serve', '--policies', path.join(dir, 'policies'), '--flows', '-', '--inventory', path.join(dir, 'cluster.json'), '--port', '0'], { stdio: 'pipe' })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    server.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out)
      if (m) resolve(m[0])
    })
    server.stderr.on('data', (c: Buffer) => process.stderr.write(c))
    server.on('exit', (code) => reject(new Error(`membrane serve exited with ${code}`)))
  })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(url)
  await waitForEditor(page)
})

test.afterAll(async () => {
  await page?.close()
  server?.stdin.end()
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

const editorText = (): Promise<string> => page.evaluate(() => window.membrane.getText())

test('the page opens with every policy file of the folder under its header, the token out of the URL', async () => {
  await expect.poll(editorText).toContain('# file: shop/details.yml')
  const text = await editorText()
  expect(text.indexOf('# file: ratings.json')).toBeLessThan(text.indexOf('# file: reviews.yaml'))
  expect(text.indexOf('# file: reviews.yaml')).toBeLessThan(text.indexOf('# file: shop/details.yml'))
  expect(text).not.toContain('README')
  await expect(page.locator('[data-testid="yaml-editor"] .view-lines')).toContainText('# file: ratings.json')
  await expect(page.getByTestId('serve-bar')).toContainText('policies/ · 3 files')
  expect(page.url()).not.toContain('token')
  expect((await graph(page)).nodes.some((n) => n.id.includes('app=reviews'))).toBe(true)
})

test('--inventory is imported into the page as if the user had imported it', async () => {
  await expect(page.getByTestId('inventory-count')).toHaveText('7')
  await page.getByTestId('tab-cluster').click()
  await expect(page.getByTestId('inventory-summary')).toContainText('cluster.json: 7 pods · 4 namespaces · 2 services · 3 nodes')
  await page.getByTestId('tab-problems').click()
})

test('an edit and Ctrl+S change exactly that file’s bytes', async () => {
  const before = { ratings: bytes('ratings.json'), details: bytes('shop/details.yml') }
  const text = await editorText()
  await page.evaluate((t) => window.membrane.setText(t), text.replace('port: "9080"', 'port: "9081"'))
  await expect(page.getByTestId('serve-unsaved')).toBeVisible()
  await page.locator('[data-testid="yaml-editor"] .view-lines').click({ position: { x: 10, y: 10 } })
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('serve-message')).toHaveText('Saved 1 file to policies/')
  expect(readFileSync(file('reviews.yaml'), 'utf8')).toBe(REVIEWS.replace('port: "9080"', 'port: "9081"'))
  expect(bytes('ratings.json').equals(before.ratings)).toBe(true)
  expect(bytes('shop/details.yml').equals(before.details)).toBe(true)
  await expect(page.getByTestId('serve-unsaved')).toHaveCount(0)
  await page.getByTestId('serve-save').click()
  await expect(page.getByTestId('serve-message')).toHaveText('Nothing to save')
})

test('a file changed on disk appears in the page', async () => {
  writeFileSync(file('shop/details.yml'), DETAILS.replace('# details: only the product page', '# details: changed by git checkout'))
  await expect.poll(editorText).toContain('# details: changed by git checkout')
  expect(await editorText()).toContain('port: "9081"')
})

test('with unsaved edits to a file, a disk change asks; the other version stays recoverable', async () => {
  const text = await editorText()
  await page.evaluate((t) => window.membrane.setText(t), text.replace('name: reviews', 'name: reviews-mine'))
  writeFileSync(file('reviews.yaml'), REVIEWS.replace('name: reviews', 'name: reviews-disk'))
  const dialog = page.getByTestId('serve-conflict')
  await expect(dialog).toContainText('reviews.yaml changed on disk')
  await expect(dialog).toContainText('reviews-disk')
  await page.screenshot({ path: 'test-results/serve-conflict-1440.png' })
  await dialog.getByTestId('serve-keep-mine').click()
  await expect(dialog).toHaveCount(0)
  expect(await editorText()).toContain('name: reviews-mine')
  await expect(page.getByTestId('serve-kept')).toContainText('Kept aside (1)')
  // Until saved, the disk keeps its version; the save then writes the kept edits over it.
  expect(readFileSync(file('reviews.yaml'), 'utf8')).toContain('reviews-disk')
  await page.getByTestId('serve-save').click()
  await expect(page.getByTestId('serve-message')).toHaveText('Saved 1 file to policies/')
  expect(readFileSync(file('reviews.yaml'), 'utf8')).toContain('name: reviews-mine')
})

test('flows piped into --flows - appear in the table and overlay while the pipe is open, in a bounded window', async () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim() !== '')
  // A controlled rate: 20 lines every 100 ms while the test watches.
  let sent = 0
  const pump = setInterval(() => {
    if (sent >= 160) return
    server.stdin.write(lines.slice(sent, sent + 20).join('\n') + '\n')
    sent += 20
  }, 100)
  try {
    await expect(page.getByTestId('serve-live-state')).toHaveText('Live')
    await expect(page.getByTestId('serve-live-rate')).not.toHaveText(/^0(\.0)? flows\/s/)
    await expect(page.getByTestId('flows-summary')).toContainText('flows')
    await page.getByTestId('tab-flows').click()
    await expect(page.locator('[data-testid="flows-table"] [role="row"][data-flow-index]').first()).toBeVisible()
    await expect.poll(async () => {
      await page.evaluate(() => window.membrane.flowsSettled())
      return (await graph(page)).edges.filter((e) => e.kind === 'flow').length
    }).toBeGreaterThan(0)
    await page.screenshot({ path: 'test-results/serve-live-1440.png' })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.screenshot({ path: 'test-results/serve-live-1280.png' })

    // A window of 50: however many more arrive, the page keeps 50.
    await page.getByTestId('serve-window').click()
    await page.getByTestId('serve-window-flows').fill('50')
    await page.getByTestId('serve-window-apply').click()
    await expect(page.getByTestId('serve-window')).toContainText('last 50')
    await expect.poll(() => sent).toBeGreaterThanOrEqual(160)
    server.stdin.write(lines.slice(160, 400).join('\n') + '\n')
    await expect(page.getByTestId('serve-live-shown')).toHaveText('50 in window')
    await expect.poll(async () => (await page.evaluate(() => window.membrane.getVerdicts())).flows.length).toBe(50)
    await expect(page.getByTestId('flows-count')).toHaveText('50 of 50 flows')

    await page.getByTestId('serve-pause').click()
    await expect(page.getByTestId('serve-live-state')).toHaveText('Paused')
    await page.getByTestId('serve-pause').click()
    await expect(page.getByTestId('serve-live-state')).toHaveText('Live')
  } finally {
    clearInterval(pump)
  }
})
