import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { addWorkload, connectNodes, expect, graph, openFresh, setText, text } from './helpers.ts'

const BASE = `# Shop policies (reviewed by the platform team)
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    # the web tier calls the API
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
                path: /api/.*
`
const EDGE = 'CiliumNetworkPolicy/shop/backend#spec.ingress.0/0'
const DNS_RULE = `    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: UDP
            - port: "53"
              protocol: TCP
          rules:
            dns:
              - matchPattern: "*"
`

async function start(page: Page, yaml = BASE): Promise<void> {
  await openFresh(page)
  await setText(page, yaml)
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=backend"]')).toBeVisible()
}

async function nodeAction(page: Page, node: string, item: string, value?: string): Promise<void> {
  // A namespace box is mostly covered by its workloads: open its menu on the title.
  const target = page.locator(`.react-flow__node[data-id="${node}"]`)
  await (node.startsWith('ns/') ? target.locator('.ns-node__header') : target).click({ button: 'right' })
  await page.getByTestId(`menu-${item}`).click()
  if (value !== undefined) {
    await page.getByTestId('context-menu-input').fill(value)
    await page.getByTestId('context-menu-ok').click()
  }
}

async function selectEdge(page: Page, id = EDGE): Promise<void> {
  await page.locator(`.edge-label[data-edge-id="${id}"]`).click()
  await expect(page.getByTestId('inspector')).toBeVisible()
}

test.describe('node actions write exactly the rule a careful engineer would', () => {
  const cases: { item: string; node: string; value?: string; added: string; appended?: boolean }[] = [
    {
      item: 'isolate',
      node: 'wl/shop/app=backend',
      appended: true,
      added: `---
# Only pods of shop may connect to pods of shop; all other ingress is denied.
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: ns-isolation
  namespace: shop
spec:
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - {}
`,
    },
    { item: 'deny-egress', node: 'wl/shop/app=backend', added: '  egress:\n    - {}\n' },
    { item: 'allow-dns', node: 'wl/shop/app=backend', added: `  egress:\n${DNS_RULE}` },
    {
      item: 'allow-fqdn',
      node: 'wl/shop/app=backend',
      value: 'api.stripe.com',
      added: `  egress:\n${DNS_RULE}    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`,
    },
    {
      item: 'deny-metadata',
      node: 'ns/shop',
      appended: true,
      added: `---
# Block the cloud metadata endpoint: it hands out node credentials to any pod that asks.
# enableDefaultDeny.egress=false: this deny-only policy must not put egress into allowlist mode.
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-metadata-endpoint
  namespace: shop
spec:
  endpointSelector: {}
  enableDefaultDeny:
    egress: false
  egressDeny:
    - toCIDR:
        - 169.254.169.254/32
`,
    },
    {
      item: 'allow-scrape',
      node: 'wl/shop/app=backend',
      value: '9090',
      added: `    - fromEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: monitoring
            app: prometheus
      toPorts:
        - ports:
            - port: "9090"
              protocol: TCP
`,
    },
    {
      item: 'allow-apiserver',
      node: 'wl/shop/app=backend',
      added: `  egress:
    - toEntities:
        - kube-apiserver
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
            - port: "6443"
              protocol: TCP
`,
    },
  ]
  for (const c of cases) {
    test(c.item, async ({ page }) => {
      await start(page)
      await nodeAction(page, c.node, c.item, c.value)
      await expect.poll(() => text(page)).toBe(BASE + c.added)
      expect(c.appended ?? false).toBe(c.added.startsWith('---'))
    })
  }
})

test('connecting two nodes writes the rule on the destination and draws the edge', async ({ page }) => {
  await start(page)
  await addWorkload(page, 'shop', 'app=db')
  await connectNodes(page, 'wl/shop/app=backend', 'wl/shop/app=db')
  const dialog = page.getByTestId('connect-dialog')
  await dialog.getByTestId('connect-preset').selectOption('postgres')
  await dialog.getByTestId('connect-apply').click()
  await expect.poll(() => text(page)).toBe(`${BASE}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-backend-to-db
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: db
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: backend
      toPorts:
        - ports:
            - port: "5432"
              protocol: TCP
`)
  const g = await graph(page)
  expect(g.edges.some((e) => e.source === 'wl/shop/app=backend' && e.target === 'wl/shop/app=db' && e.label === 'TCP/5432')).toBe(true)
})

test('inspector fields edit the YAML in place, comments untouched', async ({ page }) => {
  await start(page)
  await selectEdge(page)
  const inspector = page.getByTestId('inspector')
  await inspector.getByTestId('inspector-port-0').fill('9090')
  await inspector.getByTestId('inspector-port-0').press('Enter')
  await expect.poll(() => text(page)).toBe(BASE.replace('port: "8080"', 'port: "9090"'))

  await inspector.getByTestId('inspector-l7-0-method').fill('POST')
  await inspector.getByTestId('inspector-l7-0-method').press('Enter')
  await expect.poll(() => text(page)).toBe(BASE.replace('port: "8080"', 'port: "9090"').replace('method: GET', 'method: POST'))

  await inspector.getByTestId('inspector-default-deny-ingress').selectOption('false')
  await expect
    .poll(() => text(page))
    .toBe(BASE.replace('port: "8080"', 'port: "9090"').replace('method: GET', 'method: POST') + '  enableDefaultDeny:\n    ingress: false\n')
  await expect(page.locator('.react-flow__node[data-id="wl/shop/app=backend"]').getByTestId('shield-ingress')).toHaveCount(0)

  await inspector.getByTestId('inspector-policy-name').fill('backend-api')
  await inspector.getByTestId('inspector-policy-name').press('Enter')
  await expect.poll(() => text(page)).toContain('  name: backend-api\n')
  expect(await text(page)).toContain('# the web tier calls the API')
})

test('one Ctrl+Z undoes a whole gesture from either pane, Ctrl+Shift+Z redoes it', async ({ page }) => {
  await start(page)
  await nodeAction(page, 'wl/shop/app=backend', 'allow-apiserver')
  await expect.poll(() => text(page)).not.toBe(BASE)
  const after = await text(page)
  // From the graph pane.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 400 } })
  await page.keyboard.press('Control+z')
  await expect.poll(() => text(page)).toBe(BASE)
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(() => text(page)).toBe(after)
  // From the editor.
  await page.locator('[data-testid="yaml-editor"] .view-lines').click()
  await page.keyboard.press('Control+z')
  await expect.poll(() => text(page)).toBe(BASE)
  await expect(page.locator('.edge-label', { hasText: 'TCP/443' })).toHaveCount(0)
})

test('deleting a rule: Delete removes it; the last rule of a direction asks first', async ({ page }) => {
  const TWO = BASE + `    - fromEndpoints:
        - matchLabels:
            app: admin
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
`
  await start(page, TWO)
  await selectEdge(page, 'CiliumNetworkPolicy/shop/backend#spec.ingress.1/0')
  await page.keyboard.press('Delete')
  await expect.poll(() => text(page)).toBe(BASE)
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0)

  // The last ingress rule: deleting it would open ingress, so the editor asks.
  await selectEdge(page)
  await page.keyboard.press('Delete')
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toContainText('leaves shop/backend ingress open')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(await text(page)).toBe(BASE)
  await selectEdge(page)
  await page.keyboard.press('Delete')
  await dialog.getByRole('button', { name: 'Delete rule' }).click()
  await expect.poll(() => text(page)).toBe('')
})

test('focus view: "+" adds a peer to the focused policy', async ({ page }) => {
  await start(page)
  await page.getByTestId('view-focus').click()
  await page.getByTestId('focus-policy').selectOption('CiliumNetworkPolicy/shop/backend')
  await page.getByTestId('focus-add-ingress-same-namespace').click()
  const add = page.getByTestId('add-peer-dialog')
  await add.getByTestId('add-peer-labels').fill('app=web')
  await add.getByTestId('add-peer-next').click()
  const dialog = page.getByTestId('connect-dialog')
  await expect(dialog.getByTestId('connect-placement')).toHaveValue('ingress')
  await dialog.getByTestId('connect-ports').fill('TCP/8080')
  await dialog.getByTestId('connect-apply').click()
  await expect.poll(() => text(page)).toBe(`${BASE}    - fromEndpoints:
        - matchLabels:
            app: web
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
`)
  await expect(page.locator('[data-testid="focus-peer"][data-id="wl/shop/app=web"]')).toBeVisible()
  // Switching back keeps the selection (the new rule).
  await page.getByTestId('view-cluster').click()
  await expect(page.locator('.edge-label.is-selected')).toContainText('TCP/8080')
})

test('the inspector removes one port of a rule', async ({ page }) => {
  const TWO_PORTS = BASE.replace('              protocol: TCP\n', '              protocol: TCP\n            - port: "8443"\n              protocol: TCP\n')
  await start(page, TWO_PORTS)
  await selectEdge(page)
  await page.getByTestId('inspector').getByTestId('inspector-port-remove-1').click()
  await expect.poll(() => text(page)).toBe(BASE)
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0)
})
