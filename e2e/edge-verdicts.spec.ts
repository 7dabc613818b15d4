/**
 * The evaluator's verdict on every rule edge (issue 9): blocked elsewhere, allowed on both
 * sides, denied by a deny rule, audit, following edits and switches; host-firewall verdicts.
 */
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { expect, openFresh, setText } from './helpers.ts'

interface VerdictEdge { id: string; source: string; target: string; verdict?: string; reason?: string }

const REVIEWS_INGRESS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: reviews-ingress, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: reviews}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: productpage}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const PRODUCTPAGE_EGRESS = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: productpage-egress, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: productpage}}
  egress:
    - toEndpoints: [{matchLabels: {app: details}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const PRODUCTPAGE_TO_REVIEWS = `    - toEndpoints: [{matchLabels: {app: reviews}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const DENY = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-reviews, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: reviews}}
  ingressDeny:
    - fromEndpoints: [{matchLabels: {app: productpage}}]
`
const HOST = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: nodes}
spec:
  nodeSelector: {}
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "6443", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: control-plane-egress}
spec:
  nodeSelector: {matchLabels: {node-role.kubernetes.io/control-plane: ""}}
  egress:
    - toEntities: [world]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: agent, namespace: ops}
spec:
  endpointSelector: {matchLabels: {app: agent}}
  egress:
    - toEntities: [host, remote-node]
      toPorts: [{ports: [{port: "22", protocol: TCP}]}]
`
const REVIEWS_EDGE = 'CiliumNetworkPolicy/bookinfo/reviews-ingress#spec.ingress.0/0'

/** The edge once the verdicts are current for the draft as it is. */
async function verdictOf(page: Page, id: string): Promise<VerdictEdge> {
  let found: VerdictEdge | undefined
  await expect.poll(async () => {
    const g = await page.evaluate(() => window.membrane.getGraph() as unknown as { edges: VerdictEdge[]; verdictsCurrent: boolean })
    found = g.verdictsCurrent ? g.edges.find((e) => e.id === id) : undefined
    return found?.verdict ?? 'pending'
  }).not.toBe('pending')
  return found!
}

const label = (page: Page, id: string) => page.locator(`.edge-label[data-edge-id="${id}"]`)

/** The computed colour of an edge's line and of the arrowhead its `marker-end` points to. */
async function arrow(page: Page, id: string): Promise<{ line: string; head: string }> {
  return page.evaluate((edgeId) => {
    const path = document.querySelector(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`)!
    const ref = path.getAttribute('marker-end') ?? ''
    const markerId = ref.slice(ref.indexOf('#') + 1, ref.lastIndexOf("'"))
    const head = document.getElementById(markerId)?.querySelector('polyline')
    return { line: getComputedStyle(path).stroke, head: head ? getComputedStyle(head).fill : 'none' }
  }, id)
}

const FOLDED = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api-in, namespace: b}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    - fromEndpoints: [{matchLabels: {app: job, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "81", protocol: TCP}]}]
    - fromEndpoints: [{matchLabels: {app: cron, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "82", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-egress, namespace: a}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
    - toEntities: [world]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: job-egress, namespace: a}
spec:
  endpointSelector: {matchLabels: {app: job}}
  egress:
    - toEntities: [world]
`

test('rule edges carry the verdict of the whole draft and follow edits and the audit switch', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await openFresh(page)

  // One-sided: reviews admits productpage, but productpage's egress is default-deny.
  await setText(page, REVIEWS_INGRESS + PRODUCTPAGE_EGRESS)
  const blocked = await verdictOf(page, REVIEWS_EDGE)
  expect(blocked.verdict).toBe('denied')
  expect(blocked.reason).toBe("app=reviews admits app=productpage on TCP/9080, but app=productpage's egress is default-deny — blocked by bookinfo/productpage-egress")
  await expect(label(page, REVIEWS_EDGE)).toHaveClass(/edge-label--blocked/)
  await expect(label(page, REVIEWS_EDGE)).toContainText('blocked')
  await expect(label(page, REVIEWS_EDGE)).toHaveAttribute('title', /blocked by bookinfo\/productpage-egress/)
  await page.screenshot({ path: 'test-results/edge-verdicts-blocked-1440.png' })
  // The arrowhead takes the blocked line's colour (not the allow green), in both themes.
  const light = await arrow(page, REVIEWS_EDGE)
  expect(light.head).toBe(light.line)
  expect(light.line).toBe('rgb(134, 142, 150)')
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))
  const dark = await arrow(page, REVIEWS_EDGE)
  expect(dark.head).toBe(dark.line)
  expect(dark.line).not.toBe(light.line)
  await page.screenshot({ path: 'test-results/edge-verdicts-blocked-dark-1440.png' })
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'))

  // The Inspector explains it and links to the deciding rule.
  await label(page, REVIEWS_EDGE).click()
  const panel = page.getByTestId('edge-verdict')
  await expect(panel).toContainText('Blocked elsewhere')
  await expect(panel).toContainText('blocked by bookinfo/productpage-egress')
  await page.screenshot({ path: 'test-results/edge-verdicts-inspector-1440.png' })
  await panel.getByTestId('deciding-rule').click()
  await expect.poll(() => page.evaluate(() => window.membrane.getSelection()?.id)).toContain('productpage-egress')

  // Two-sided: productpage's egress now allows reviews too.
  await setText(page, REVIEWS_INGRESS + PRODUCTPAGE_EGRESS + PRODUCTPAGE_TO_REVIEWS)
  expect((await verdictOf(page, REVIEWS_EDGE)).verdict).toBe('allowed')
  await expect(label(page, REVIEWS_EDGE)).not.toHaveClass(/edge-label--blocked/)

  // A deny rule wins over both allows.
  await setText(page, REVIEWS_INGRESS + PRODUCTPAGE_EGRESS + PRODUCTPAGE_TO_REVIEWS + DENY)
  const denied = await verdictOf(page, REVIEWS_EDGE)
  expect(denied.verdict).toBe('denied')
  expect(denied.reason).toContain('denied by bookinfo/no-reviews')
  await expect(label(page, REVIEWS_EDGE)).toHaveClass(/edge-label--v-denied/)
  const denyArrow = await arrow(page, REVIEWS_EDGE)
  expect(denyArrow.head).toBe(denyArrow.line)

  // Audit mode: the one-sided rule goes through as audit (amber).
  await setText(page, REVIEWS_INGRESS + PRODUCTPAGE_EGRESS)
  expect((await verdictOf(page, REVIEWS_EDGE)).verdict).toBe('denied')
  await page.getByTestId('audit-mode').check()
  const audit = await verdictOf(page, REVIEWS_EDGE)
  expect(audit.verdict).toBe('audit')
  expect(audit.reason).toContain('audit mode lets it through')
  await expect(label(page, REVIEWS_EDGE)).toHaveClass(/edge-label--audit/)
  const auditArrow = await arrow(page, REVIEWS_EDGE)
  expect(auditArrow.head).toBe(auditArrow.line)
  expect(auditArrow.line).not.toBe(light.line)
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: 'test-results/edge-verdicts-audit-1280.png' })
})

test('host firewall: on with host policies, a switch, and edges judged by the node\'s host policy', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await openFresh(page)
  await setText(page, HOST)
  const id = 'CiliumNetworkPolicy/ops/agent#spec.egress.0/0'
  const toRemote = 'CiliumNetworkPolicy/ops/agent#spec.egress.0/1'
  const sw = page.getByTestId('host-firewall')
  await expect(sw).toHaveAttribute('data-on', 'true')
  await expect(sw.locator('option[value="auto"]')).toHaveText('auto (on)')
  const v = await verdictOf(page, id)
  expect(v.verdict).toBe('denied')
  expect(v.reason).toContain('blocked by nodes')
  // remote-node as the sender records it: that other node's host, judged by its host ingress.
  expect((await verdictOf(page, toRemote)).reason).toContain('blocked by nodes')
  expect((await verdictOf(page, 'CiliumClusterwideNetworkPolicy/_cluster/nodes#spec.ingress.0/0')).verdict).toBe('allowed')
  const host = page.locator('.member-node[data-kind="node"]', { hasText: 'control-plane nodes' })
  await expect(host).toContainText('control-plane nodes')
  await expect(host).toHaveAttribute('title', /node-role\.kubernetes\.io\/control-plane=/)
  // The host entity carries the default-deny shield of `nodeSelector: {}` like a workload.
  await expect(page.locator('.member-node[data-kind="entity"]', { hasText: /^.?host$/ }).getByTestId('shield-ingress')).toBeVisible()
  await page.screenshot({ path: 'test-results/edge-verdicts-host-1440.png' })

  await sw.selectOption('off')
  await expect(sw).toHaveAttribute('data-on', 'false')
  expect((await verdictOf(page, id)).verdict).toBe('allowed')
  expect((await verdictOf(page, toRemote)).verdict).toBe('allowed')
  // Off: no host policy is enforced, so no host node shows a default-deny shield.
  await expect(page.locator('.member-node[data-kind="entity"]', { hasText: /^.?host$/ }).getByTestId('shield-ingress')).toHaveCount(0)
  await expect(page.locator('.member-node[data-kind="node"] [data-testid^="shield-"]')).toHaveCount(0)
  // The Settings panel's agent flag says the graph's switch overrides it; with the switch on
  // auto, the flag decides and the switch says so.
  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('setting-hostFirewall-note')).toContainText('Overridden')
  await expect(page.getByTestId('setting-hostFirewall-note')).toContainText('set to off')
  await sw.selectOption('auto')
  await page.getByTestId('setting-hostFirewall').check()
  await expect(sw.locator('option[value="auto"]')).toHaveText('auto (agent flag on)')
  await expect(page.getByTestId('setting-hostFirewall-note')).not.toContainText('Overridden')
  await page.getByTestId('setting-hostFirewall').uncheck()
  await page.getByTestId('settings-close').click()
  await sw.selectOption('off')
  await page.setViewportSize({ width: 1280, height: 800 })
  // The switch keeps the toolbar on one row at 1280 px.
  expect((await page.locator('.toolbar').boundingBox())!.height).toBeLessThan(48)
  await page.screenshot({ path: 'test-results/edge-verdicts-host-1280.png' })
})

test('a counted edge between summary boxes sums up the verdicts of the rules it stands for', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await openFresh(page)
  await setText(page, FOLDED)
  expect((await verdictOf(page, 'CiliumNetworkPolicy/b/api-in#spec.ingress.0/0')).verdict).toBe('denied')
  await page.locator('.react-flow__node[data-id="ns/a"] .ns-node__header').dblclick()
  const counted = page.locator('.edge-label[data-edge-id="agg/ns/a>wl/b/app=api"]')
  await expect(counted).toContainText('3 allow')
  await expect(counted.locator('.edge-verdict')).toHaveText('⚠ 2 of 3 blocked')
  await expect(counted).toHaveAttribute('title', /⚠ blocked: TCP\/80 a\/app=web → b\/app=api — .*blocked by a\/web-egress/)
  await expect(counted).toHaveAttribute('title', /blocked by a\/job-egress/)
  await page.screenshot({ path: 'test-results/edge-verdicts-counted-1440.png' })
})
