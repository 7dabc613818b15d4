/**
 * The cluster map opens legible and honest: every example with the nodes and rule edges it must
 * show (src/domain/examples/expected.ts, fixtures/example-edges.ts), fitted at 1440×900 with node
 * labels at least 11 px on screen, no edge over a node it has nothing to do with, no label over a
 * node or another label, nothing cut; a 25-namespace workspace opens as summary boxes that all
 * fit; an edit adding one rule leaves the picture in place. Screenshots go to test-results/layout/.
 */
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { EXAMPLES } from '../src/domain/examples/catalog.ts'
import { EXPECTED_NODE_IDS } from '../src/domain/examples/expected.ts'
import { EXPECTED_EDGES } from './fixtures/example-edges.ts'
import { namespacesWorkspace } from './fixtures/namespaces-workspace.ts'
import { expect, graph, openFresh, setText, text } from './helpers.ts'
import { crossings, domGeometry, inPane, labelProblems } from './layout-geometry.ts'
import type { DomGeometry } from './layout-geometry.ts'

const OUT = 'test-results/layout'
const LEGIBLE_PX = 11

/**
 * Waits until nothing on the map moves (layout committed, view fitted): the viewport's and every
 * node's and label's style unchanged for QUIET_MS in a row, read on every frame in the page. (It
 * used to read twice 250 ms apart under expect.poll, whose back-off added up to a second or more
 * per call while a layout was still running.)
 */
const QUIET_MS = 250

async function settled(page: Page): Promise<void> {
  const still = await page.evaluate(
    ({ quiet, timeout }) =>
      new Promise<boolean>((done) => {
        const snapshot = (): string =>
          JSON.stringify([
            document.querySelector('.react-flow__viewport')?.getAttribute('style'),
            [...document.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('style')),
            [...document.querySelectorAll('.edge-label')].map((n) => n.getAttribute('style')),
          ])
        const start = performance.now()
        let last = snapshot()
        let since = start
        let frames = 0
        const tick = (now: number): void => {
          const current = snapshot()
          if (current !== last || document.querySelectorAll('.react-flow__node').length === 0) {
            last = current
            since = now
            frames = 0
          } else frames += 1
          // A few frames as well as the time: on a starved machine one late frame is no proof.
          if (now - since >= quiet && frames >= 5) done(true)
          else if (now - start > timeout) done(false)
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    { quiet: QUIET_MS, timeout: 10_000 },
  )
  expect(still, `the map still moving after 10 s`).toBe(true)
}

async function openExample(page: Page, id: string): Promise<void> {
  await page.getByTestId('examples-menu').selectOption(id)
  if (id !== 'demo') await expect.poll(async () => (await text(page)).includes('kind:')).toBe(true)
  await settled(page)
}

function figures(g: DomGeometry): { zoom: number; minNodeLabelPx: number; minEdgeLabelPx: number; nodes: number; edges: number } {
  return {
    zoom: Number(g.zoom.toFixed(3)),
    minNodeLabelPx: Number(Math.min(...g.texts.map((t) => t.px)).toFixed(2)),
    // Edge labels are 12 px monospace (graph.css).
    minEdgeLabelPx: g.labels.length ? Number((12 * g.zoom).toFixed(2)) : 0,
    nodes: g.nodes.length,
    edges: g.edges.length,
  }
}

test.describe('at 1440×900 with the editor open', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  for (const example of EXAMPLES) {
    test(`example "${example.id}" opens with its nodes and rule edges, fitted, legible and without crossings`, async ({ page }) => {
      const errors: string[] = []
      await openFresh(page, errors)
      // Loading over the untouched demo needs no confirmation (openExample waits for its text).
      await openExample(page, example.id)

      // What it draws: the nodes its policies name and one characteristic rule edge each.
      const model = await graph(page)
      const ids = new Set(model.nodes.map((n) => n.id))
      for (const id of EXPECTED_NODE_IDS[example.id] ?? []) {
        expect(ids, `node ${id}`).toContain(id)
        if (!id.startsWith('ns/')) await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeVisible()
      }
      for (const want of EXPECTED_EDGES[example.id] ?? []) {
        const found = model.edges.filter((e) => e.source === want.source && e.target === want.target && e.kind === want.kind)
        expect(found.length, `edge ${want.source} → ${want.target}`).toBeGreaterThan(0)
        expect(found.map((e) => e.label).join(' | ')).toContain(want.label)
      }
      expect(errors).toEqual([])

      // How it is drawn.
      const g = await domGeometry(page)
      mkdirSync(OUT, { recursive: true })
      await page.screenshot({ path: `${OUT}/${example.id}-1440x900.png` })
      writeFileSync(`${OUT}/${example.id}-1440x900.json`, JSON.stringify(figures(g), null, 2))

      for (const t of g.texts) {
        expect(t.px, `label "${t.text}" on screen`).toBeGreaterThanOrEqual(LEGIBLE_PX)
        expect(t.cut, `label "${t.text}" cut`).toBe(false)
      }
      const tools = (await page.locator('.graph-tools').boundingBox())!
      for (const n of g.nodes) {
        expect(inPane(g, n.rect), `${n.id} in view`).toBe(true)
        const underTools = n.rect.x < tools.x + tools.width && n.rect.y < tools.y + tools.height
        expect(underTools, `${n.id} under the palette`).toBe(false)
      }
      expect(crossings(g)).toEqual([])
      expect(labelProblems(g)).toEqual([])
      for (const l of g.labels) expect(l.cut, `edge label "${l.text}" cut`).toBe(false)
    })
  }

  test('the L7 label shows every rule, whole', async ({ page }) => {
    await openFresh(page)
    await openExample(page, 'l7-http')
    const label = page.locator('.edge-label', { hasText: 'TCP/8080' })
    await expect(label).toContainText('GET /api/v1/orders.*')
    await expect(label).toContainText('POST /api/v1/orders')
    await expect(label).toContainText('GET /healthz')
    await openExample(page, 'grpc-methods')
    const grpc = page.locator('.edge-label', { hasText: 'TCP/50051' })
    // Long gRPC paths wrap instead of being cut.
    await expect(grpc).toContainText('CheckStock')
    await expect(grpc).toContainText('ReserveStock')
  })

  test('25 namespaces open as summary boxes, all in view with legible titles', async ({ page }) => {
    await openFresh(page)
    await setText(page, namespacesWorkspace(25))
    await expect(page.locator('.ns-node--summary')).toHaveCount(25)
    await settled(page)
    const g = await domGeometry(page)
    mkdirSync(OUT, { recursive: true })
    await page.screenshot({ path: `${OUT}/25-namespaces-1440x900.png` })
    writeFileSync(`${OUT}/25-namespaces-1440x900.json`, JSON.stringify(figures(g), null, 2))
    const boxes = g.nodes.filter((n) => n.kind === 'namespace')
    expect(boxes).toHaveLength(25)
    for (const b of boxes) expect(inPane(g, b.rect), `${b.id} in view`).toBe(true)
    for (const t of g.texts) expect(t.px, `title "${t.text}"`).toBeGreaterThanOrEqual(LEGIBLE_PX)
    await expect(page.locator('.react-flow__node[data-id="ns/team-05"]')).toContainText('3 workloads')
    expect(crossings(g)).toEqual([])
    expect(labelProblems(g)).toEqual([])

    // Double-click opens one namespace in place; its workloads appear, its neighbours stay boxes.
    await page.locator('.react-flow__node[data-id="ns/team-05"] .ns-node__header').dblclick()
    await expect(page.locator('.react-flow__node[data-id="wl/team-05/app=api"]')).toBeVisible()
    await expect(page.locator('.react-flow__node[data-id="ns/team-05"] .ns-node--summary')).toHaveCount(0)
    await expect(page.locator('.react-flow__node[data-id="ns/team-05"]')).toBeInViewport()
    await expect(page.locator('.react-flow__node[data-id="ns/team-06"] .ns-node--summary')).toHaveCount(1)
    await settled(page)
    const opened = await domGeometry(page)
    expect(crossings(opened)).toEqual([])
    await page.screenshot({ path: `${OUT}/25-namespaces-one-open-1440x900.png` })

    // Zooming in far opens them all.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2)
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300)
    await expect(page.locator('.ns-node--summary')).toHaveCount(0)
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('.member-node').length)).toBeGreaterThan(0)
  })

  test('the demo with its recorded flows: observed nodes placed in view, flow edges routed around nodes', async ({ page }) => {
    await openFresh(page)
    await openExample(page, 'demo')
    await page.getByTestId('load-demo-flows').click()
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
    await expect(page.locator('.react-flow__node[data-id="cidr/198.51.100.23/32"]')).toBeVisible()
    await settled(page)
    const g = await domGeometry(page)
    mkdirSync(OUT, { recursive: true })
    await page.screenshot({ path: `${OUT}/demo-flows-1440x900.png` })
    writeFileSync(`${OUT}/demo-flows-1440x900.json`, JSON.stringify(figures(g), null, 2))
    const flows = g.edges.filter((e) => e.id.startsWith('flow/'))
    expect(flows.length).toBeGreaterThan(10)
    // Routed like rule edges: orthogonal stretches, so the sampled path runs in straight lines.
    for (const e of flows) expect(e.points.length, e.id).toBeGreaterThan(2)
    // The observed-only nodes are laid out with the rest and the picture refitted: all in view.
    for (const n of g.nodes) expect(inPane(g, n.rect), `${n.id} in view`).toBe(true)
    expect(crossings(g)).toEqual([])
    // Flow labels too: on their edge, clear of nodes, titles and other labels.
    expect(g.labels.filter((l) => l.edge.startsWith('flow/')).length).toBe(flows.length)
    expect(labelProblems(g)).toEqual([])
  })

  test('an edit that adds one rule leaves every node where it was', async ({ page }) => {
    await openFresh(page)
    await openExample(page, 'demo')
    const positions = async (): Promise<Record<string, { x: number; y: number }>> => {
      const g = await domGeometry(page)
      const vp = await page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform))
      const pane = (await page.locator('.react-flow__renderer').boundingBox())!
      // Flow coordinates, so a refit of the view does not count as moving.
      return Object.fromEntries(g.nodes.map((n) => [n.id, { x: Math.round((n.rect.x - pane.x - vp.e) / vp.a), y: Math.round((n.rect.y - pane.y - vp.f) / vp.a) }]))
    }
    const before = await positions()
    const base = await text(page)
    // A rule between nodes already drawn.
    await setText(page, `${base}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: db-scrape\n  namespace: shop\nspec:\n  endpointSelector:\n    matchLabels:\n      app: db\n  ingress:\n    - fromEndpoints:\n        - matchLabels:\n            app: prometheus\n            k8s:io.kubernetes.pod.namespace: monitoring\n      toPorts:\n        - ports:\n            - port: "9187"\n              protocol: TCP\n`)
    await expect(page.locator('.edge-label', { hasText: 'TCP/9187' })).toBeVisible()
    await settled(page)
    expect(await positions()).toEqual(before)
    // A rule to a peer not drawn yet: the new peer joins its column, nothing else moves.
    const withScrape = await text(page)
    await setText(page, `${withScrape}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: backend-egress-api\n  namespace: shop\nspec:\n  endpointSelector:\n    matchLabels:\n      app: backend\n  egress:\n    - toFQDNs:\n        - matchName: api.example.com\n      toPorts:\n        - ports:\n            - port: "443"\n              protocol: TCP\n`)
    await expect(page.locator('.react-flow__node[data-id="fqdn/api.example.com"]')).toBeVisible()
    await settled(page)
    const after = await positions()
    for (const [id, p] of Object.entries(before)) expect(after[id], id).toEqual(p)
    const g = await domGeometry(page)
    expect(crossings(g)).toEqual([])
    expect(labelProblems(g)).toEqual([])
  })
})

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('screenshots of the demo, every example and 25 namespaces', async ({ page }) => {
    test.setTimeout(180_000)
    await openFresh(page)
    mkdirSync(OUT, { recursive: true })
    for (const example of EXAMPLES) {
      await openExample(page, example.id)
      await page.screenshot({ path: `${OUT}/${example.id}-1280x800.png` })
      const g = await domGeometry(page)
      writeFileSync(`${OUT}/${example.id}-1280x800.json`, JSON.stringify(figures(g), null, 2))
      expect(crossings(g), example.id).toEqual([])
      for (const t of g.texts) expect(t.cut, `${example.id}: label "${t.text}" cut`).toBe(false)
    }
    await setText(page, namespacesWorkspace(25))
    await expect(page.locator('.ns-node--summary')).toHaveCount(25)
    await settled(page)
    await page.screenshot({ path: `${OUT}/25-namespaces-1280x800.png` })
    writeFileSync(`${OUT}/25-namespaces-1280x800.json`, JSON.stringify(figures(await domGeometry(page)), null, 2))
  })

  test('the demo with its recorded flows', async ({ page }) => {
    await openFresh(page)
    await openExample(page, 'demo')
    await page.getByTestId('load-demo-flows').click()
    await expect(page.getByTestId('flows-summary')).toContainText('89 flows')
    await expect(page.locator('.react-flow__node[data-id="cidr/198.51.100.23/32"]')).toBeVisible()
    await settled(page)
    await page.screenshot({ path: `${OUT}/demo-flows-1280x800.png` })
    const withFlows = await domGeometry(page)
    writeFileSync(`${OUT}/demo-flows-1280x800.json`, JSON.stringify(figures(withFlows), null, 2))
    expect(crossings(withFlows), 'demo with flows').toEqual([])
    expect(labelProblems(withFlows), 'demo with flows').toEqual([])
  })
})
