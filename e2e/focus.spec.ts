import { expect, test } from '@playwright/test'
import { gotoLine, openFresh, setText } from './helpers.ts'

// Needs the toolbar's `view-focus` button (the lead wires FocusView into the app shell).
const POLICY = 'CiliumNetworkPolicy/shop/backend-ingress'

test('policy focus shows one policy: subject in the middle, peers grouped by side', async ({ page }) => {
  const errors: string[] = []
  await openFresh(page, errors)
  await page.getByTestId('view-focus').click()
  const view = page.getByTestId('focus-view')
  await expect(view).toBeVisible()
  await view.getByTestId('focus-policy').selectOption(POLICY)

  await expect(view.locator('[data-testid="focus-subjects"] [data-testid="focus-subject"]')).toHaveCount(1)
  await expect(view.locator('[data-testid="focus-subjects"] [data-id="wl/shop/app=backend"]')).toBeVisible()

  const sameNs = view.getByTestId('focus-group-ingress-same-namespace')
  await expect(sameNs).toContainText('Same namespace')
  const frontend = sameNs.locator('[data-testid="focus-peer"][data-id="wl/shop/app=frontend"]')
  await expect(frontend).toBeVisible()
  await expect(frontend).toContainText('TCP/8080')
  await expect(frontend).toHaveAttribute(
    'title',
    /Pods labelled app=frontend in namespace shop may connect to pods labelled app=backend in namespace shop on TCP\/8080\./,
  )

  const cluster = view.getByTestId('focus-group-ingress-cluster')
  await expect(cluster).toContainText('In cluster')
  const prometheus = cluster.locator('[data-testid="focus-peer"][data-id="wl/monitoring/app=prometheus"]')
  await expect(prometheus).toBeVisible()
  await expect(prometheus).toContainText('TCP/9090')

  // This policy has no egress rules and nothing from outside: those boxes say so.
  await expect(view.getByTestId('focus-group-ingress-outside')).toContainText('none')
  await expect(view.getByTestId('focus-group-egress-same-namespace')).toContainText('none')
  // Every box offers "+".
  await expect(view.getByTestId('focus-add-egress-outside')).toHaveAttribute('title', /Add a peer/)

  // Clicking a chip selects that rule's edge (and so its YAML).
  await prometheus.click()
  const sel = await page.evaluate(() => window.membrane.getSelection())
  expect(sel?.kind).toBe('edge')
  const edge = await page.evaluate(
    (id) => window.membrane.getGraph().edges.find((e) => e.id === id),
    sel?.id ?? '',
  )
  expect(edge).toMatchObject({ source: 'wl/monitoring/app=prometheus', target: 'wl/shop/app=backend', label: 'TCP/9090' })
  expect(sel?.yaml).toContain('app: prometheus')
  await expect(prometheus).toHaveClass(/is-selected/)
  await expect(frontend).not.toHaveClass(/is-selected/)
  expect(errors).toEqual([])
})

const TWO_POLICIES = [
  'apiVersion: cilium.io/v2',
  'kind: CiliumNetworkPolicy',
  'metadata:',
  '  name: backend',
  '  namespace: shop',
  'spec:',
  '  endpointSelector:',
  '    matchLabels:',
  '      app: backend',
  '  ingress:',
  '    - fromEndpoints:',
  '        - matchLabels:',
  '            app: frontend',
  '---',
  'apiVersion: cilium.io/v2',
  'kind: CiliumNetworkPolicy',
  'metadata:',
  '  name: deny-metadata',
  '  namespace: shop',
  'spec:',
  '  endpointSelector: {}',
  '  egressDeny:',
  '    - toCIDR:',
  '        - 169.254.169.254/32',
  '',
].join('\n')

test('the focused policy follows the selection made in the YAML', async ({ page }) => {
  await openFresh(page)
  await setText(page, TWO_POLICIES)
  await page.getByTestId('view-focus').click()
  const view = page.getByTestId('focus-view')
  const picker = view.getByTestId('focus-policy')
  await picker.selectOption('CiliumNetworkPolicy/shop/backend')
  await expect(view.locator('[data-testid="focus-subject"][data-id="wl/shop/app=backend"]')).toBeVisible()

  await gotoLine(page, 24) // `- 169.254.169.254/32` in the second policy
  await expect(picker).toHaveValue('CiliumNetworkPolicy/shop/deny-metadata')
  await expect(view.locator('[data-testid="focus-subject"][data-id="ns/shop"]')).toBeVisible()
  const chip = view.locator('[data-testid="focus-group-egress-outside"] [data-id="cidr/169.254.169.254/32"]')
  await expect(chip).toHaveClass(/focus-peer--deny/)
  await expect(chip).toHaveClass(/is-selected/)
  await expect(chip).toContainText('deny')
})
