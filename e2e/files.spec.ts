import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { test } from '@playwright/test'
import { inflateSync, unzipSync } from 'fflate'
import { emptyWorkspace, expect, openFresh, setText, text, waitForEditor } from './helpers.ts'

// Issue 11 "Files in and out", "Share and export": open files and folders (picker and drop), Ctrl+S,
// download as opened byte for byte, share links, ?policy-url=, exports.

const FRONT = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: frontend\n  namespace: shop\nspec:\n  endpointSelector:\n    matchLabels:\n      app: frontend\n'
// No final newline, on purpose: the round trip keeps that too.
const BACK = '# backend\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: backend\n  namespace: shop\nspec:\n  endpointSelector:\n    matchLabels:\n      app: backend'

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!)
}

async function fileMenu(page: Page, item: string): Promise<Download> {
  const download = page.waitForEvent('download')
  await page.getByTestId('file-menu').click()
  await page.getByTestId(`file-${item}`).click()
  return download
}

test('opened files join under headers; Ctrl+S in the editor downloads; "as opened" gives the same bytes back', async ({ page }) => {
  await emptyWorkspace(page)
  await page.getByTestId('open-files-input').setInputFiles([
    { name: 'frontend.yaml', mimeType: 'application/yaml', buffer: Buffer.from(FRONT) },
    { name: 'backend.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BACK) },
  ])
  // Into an empty workspace at once, in path order, each under its header.
  await expect.poll(() => text(page)).toContain('# file: frontend.yaml')
  const joined = await text(page)
  expect(joined.startsWith('# file: backend.yaml\n# backend\n')).toBe(true)

  const zip = unzipSync(new Uint8Array(await bytesOf(await fileMenu(page, 'download-as-opened'))))
  expect(Object.keys(zip).sort()).toEqual(['backend.yaml', 'frontend.yaml'])
  expect(Buffer.from(zip['backend.yaml']!).equals(Buffer.from(BACK))).toBe(true)
  expect(Buffer.from(zip['frontend.yaml']!).equals(Buffer.from(FRONT))).toBe(true)

  // Ctrl+S with the focus in Monaco: our download, never the browser's "save page".
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  const saved = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  const download = await saved
  expect(download.suggestedFilename()).toBe('workspace.yaml')
  expect((await bytesOf(download)).toString('utf8')).toBe(joined)

  // Ctrl+O opens the picker, from the editor too.
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Control+o')
  expect((await chooser).isMultiple()).toBe(true)

  // The keyboard help lists both keys.
  await page.locator('.react-flow__pane').click()
  await page.keyboard.press('?')
  await expect(page.getByTestId('shortcut-save-workspace')).toContainText('Ctrl+S')
  await expect(page.getByTestId('shortcut-open-files')).toContainText('Ctrl+O')
})

test('a folder adds its YAML/JSON files to the workspace; a drop routes policies and flows by content', async ({ page }) => {
  await openFresh(page)
  const demo = await text(page)
  await page.getByTestId('open-folder-input').setInputFiles('e2e/fixtures/policy-folder')
  await expect(page.getByTestId('open-choice')).toBeVisible()
  await page.getByTestId('open-add').click()
  await expect.poll(() => text(page)).toContain('# file: policy-folder/shop/frontend.yaml')
  const added = await text(page)
  expect(added.startsWith(demo)).toBe(true)
  expect(added).toContain('# file: policy-folder/payments/gateway.json\n{')
  expect(added).not.toContain('README')
  await expect.poll(async () => (await page.evaluate(() => window.membrane.getGraph())).nodes.some((n) => n.label.includes('gateway'))).toBe(true)

  // Drop a policy and a Hubble capture on the editor: the policy opens, the capture loads as flows.
  const flows = (await readFile('public/samples/demo-flows.jsonl', 'utf8')).split('\n').slice(0, 20).join('\n') + '\n'
  await page.evaluate(
    ({ policy, flows }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([policy], 'dropped.yaml', { type: 'application/yaml' }))
      dt.items.add(new File([flows], 'capture.json', { type: 'application/json' }))
      const target = document.querySelector('[data-testid="yaml-editor"]')!
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }))
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
    },
    { policy: FRONT, flows },
  )
  await expect(page.getByTestId('open-choice')).toBeVisible()
  await page.getByTestId('open-replace').click()
  // The workspace had unsaved additions: the store asks before they go.
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Replace workspace' }).click()
  await expect.poll(() => text(page)).toBe('# file: dropped.yaml\n' + FRONT)
  await expect(page.getByTestId('flows-summary')).toContainText('20 flows')
})

function shareText(link: string): string {
  const data = link.slice(link.indexOf('#ws=') + 4)
  return new TextDecoder().decode(inflateSync(new Uint8Array(Buffer.from(data, 'base64url'))))
}

test('a share link restores the workspace in a new page, asks before replacing unsaved work, and can be redacted', async ({ page, browser, baseURL }) => {
  await openFresh(page)
  const shared = FRONT.replace('spec:', 'spec:\n  egress:\n    - toCIDR: ["10.1.2.3/32"]')
  await setText(page, shared)
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share-link').click()
  const link = await page.getByTestId('share-link').inputValue()
  expect(link.startsWith(`${baseURL}/#ws=`)).toBe(true)
  await expect(page.getByTestId('share-length')).toContainText(`${link.length} characters`)
  await expect(page.getByTestId('share-warning')).toHaveCount(0)
  await page.getByTestId('share-redact').check()
  const redacted = await page.getByTestId('share-link').inputValue()
  expect(shareText(redacted)).toContain('192.0.2.1/32')
  expect(shareText(redacted)).not.toContain('10.1.2.3')
  await page.getByTestId('share-redact').uncheck()
  await page.keyboard.press('Escape')

  const context = await browser.newContext()
  const other = await context.newPage()
  await other.goto(link)
  await waitForEditor(other)
  await expect.poll(() => text(other)).toBe(shared)
  expect(other.url()).not.toContain('#')
  await context.close()

  // This page has unsaved edits: a link pasted into it asks first.
  await setText(page, shared + '# more\n')
  await page.goto(link)
  await expect(page.getByTestId('confirm-dialog')).toContainText('Open the shared workspace?')
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Open shared workspace' }).click()
  await expect.poll(() => text(page)).toBe(shared)

  // A workspace too big for some tools says so.
  const noise = Array.from({ length: 1500 }, (_, i) => `# ${((i * 2654435761) % 4294967296).toString(36)}${(i * 40503).toString(36)}`).join('\n')
  await setText(page, noise + '\n')
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share-link').click()
  await expect(page.getByTestId('share-warning')).toBeVisible()
})

test('?policy-url= shows the address, fetches only on Load, and explains what went wrong', async ({ page, baseURL }) => {
  await openFresh(page)
  const asked: string[] = []
  page.on('request', (r) => asked.push(r.url()))
  await page.goto('/?policy-url=/samples/examples/default-deny.yaml')
  await expect(page.getByTestId('policy-url-address')).toHaveText(`${baseURL}/samples/examples/default-deny.yaml`)
  expect(asked.filter((u) => new URL(u).pathname === '/samples/examples/default-deny.yaml')).toEqual([])
  expect(page.url()).not.toContain('policy-url')
  await page.getByTestId('policy-url-load').click()
  await expect.poll(() => text(page)).toMatch(/^# file: default-deny\.yaml\n/)
  expect(asked.filter((u) => new URL(u).pathname === '/samples/examples/default-deny.yaml')).toHaveLength(1)

  await page.goto('/?policy-url=/index.html')
  await page.getByTestId('policy-url-load').click()
  await expect(page.getByTestId('policy-url-error')).toContainText('HTML')
  await page.getByTestId('policy-url-decline').click()

  await page.route('https://policies.example.test/**', (route) =>
    route.request().url().endsWith('big.yaml')
      ? route.fulfill({ body: 'kind: x\n' + '#'.repeat(3 * 1024 * 1024), headers: { 'access-control-allow-origin': '*' } })
      : route.abort(),
  )
  await page.goto('/?policy-url=https://policies.example.test/big.yaml')
  await page.getByTestId('policy-url-load').click()
  await expect(page.getByTestId('policy-url-error')).toContainText('larger than 2 MB')
  await page.getByTestId('policy-url-decline').click()
  await page.goto('/?policy-url=https://policies.example.test/gone.yaml')
  await page.getByTestId('policy-url-load').click()
  await expect(page.getByTestId('policy-url-error')).toContainText('could not be reached')
  await page.getByTestId('policy-url-decline').click()

  // Plain http elsewhere is refused before any request.
  await page.goto('/?policy-url=http://policies.example.test/p.yaml')
  await expect(page.getByTestId('policy-url-error')).toContainText('Only https')
  await expect(page.getByTestId('policy-url-load')).toHaveCount(0)
  expect(asked.filter((u) => u.startsWith('http://policies.example.test'))).toEqual([])
})

/** A policy whose HTTP path (shown on the edge label) carries markup. */
const HOSTILE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
          rules:
            http:
              - method: GET
                path: "/<img src=x onerror=window.__pwned=1>"
  egress:
    - toCIDR: ["10.9.8.7/32"]
`

/** The demo capture's first flows plus one whose peer's DNS name is a spreadsheet formula. */
async function hostileCapture(): Promise<string> {
  const lines = (await readFile('public/samples/demo-flows.jsonl', 'utf8')).split('\n').filter((l) => l.trim() !== '').slice(0, 40)
  const evil = JSON.parse(lines[0]!) as { flow: Record<string, unknown> }
  // Outside the cluster, named by DNS: the table names it by that name, which a DNS answer controls.
  evil.flow['destination'] = { identity: 2, labels: ['reserved:world'] }
  evil.flow['destination_names'] = ['=HYPERLINK("http://x")']
  // Its own record, not a copy of the first: loadFlows de-duplicates by uuid like the file picker.
  evil.flow['uuid'] = 'hostile-destination-name'
  return [...lines, JSON.stringify(evil)].join('\n') + '\n'
}

test('exports: PNG, SVG, CSV and Markdown are well-formed, hostile labels stay text, redaction hides IPs', async ({ page }) => {
  await openFresh(page)
  const capture = await hostileCapture()
  await page.evaluate((t) => window.membrane.loadFlows(t), capture)
  await setText(page, HOSTILE)
  await expect(page.locator('.react-flow', { hasText: '<img src=x' }).first()).toBeVisible()

  const png = await bytesOf(await fileMenu(page, 'export-png'))
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(png.length).toBeGreaterThan(1000)

  const svg = (await bytesOf(await fileMenu(page, 'export-svg'))).toString('utf8')
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml')
    return {
      root: doc.documentElement.nodeName,
      errors: doc.getElementsByTagName('parsererror').length,
      imgs: doc.getElementsByTagName('img').length,
      scripts: doc.getElementsByTagName('script').length,
      handlers: [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      text: doc.documentElement.textContent ?? '',
      // Edge paths are stroked by the page's CSS, which does not travel: the export inlines it.
      strokedEdges: [...doc.querySelectorAll('path.react-flow__edge-path')].filter((p) => /stroke:\s*(?!none)[^;]+/.test(p.getAttribute('style') ?? '')).length,
    }
  }, svg)
  expect(parsed).toMatchObject({ root: 'svg', errors: 0, imgs: 0, scripts: 0, handlers: 0 })
  expect(parsed.text).toContain('<img src=x onerror=window.__pwned=1>')
  expect(parsed.strokedEdges).toBeGreaterThan(0)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()

  const csv = (await bytesOf(await fileMenu(page, 'export-csv'))).toString('utf8').split('\r\n')
  expect(csv[0]).toBe('index,time,source,source_namespace,source_labels,destination,destination_namespace,destination_labels,protocol,l7,recorded_verdict,drop_reason,draft_verdict,change,policy,rule,effect,reply')
  expect(csv.filter((l) => l !== '').length).toBeGreaterThan(20)
  // The crafted pod name cannot run as a formula in a spreadsheet.
  expect(csv.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`))).toBe(true)
  expect(csv.some((l) => /(^|,)=HYPERLINK/.test(l))).toBe(false)

  const md = (await bytesOf(await fileMenu(page, 'export-markdown'))).toString('utf8')
  expect(md).toContain('# Membrane report')
  expect(md).toMatch(/\| All flows \| \d+ \|/)
  expect(md).toContain('## Lint findings')

  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-redact').check()
  const redacted = page.waitForEvent('download')
  await page.getByTestId('file-export-csv').click()
  const body = (await bytesOf(await redacted)).toString('utf8')
  expect(body).not.toMatch(/\b10\.244\.\d+\.\d+\b/)
  expect(body).toContain('shop/pod-')

  // The picture is redacted the same way: the CIDR node's address is a stand-in.
  expect(parsed.text).toContain('10.9.8.7/32')
  const redactedSvg = (await bytesOf(await fileMenu(page, 'export-svg'))).toString('utf8')
  expect(redactedSvg).not.toContain('10.9.8.7')
  expect(redactedSvg).toMatch(/192\.0\.2\.\d+\/32/)
})
