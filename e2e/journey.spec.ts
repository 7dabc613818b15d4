import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { addWorkload, connectNodes, emptyWorkspace, text } from './helpers.ts'

/** Runs a trace in the Trace panel and returns the verdict it shows. */
async function traceVerdict(page: Page, from: string, to: string, port: string, protocol = 'TCP'): Promise<string> {
  const trace = page.getByTestId('trace')
  await trace.getByTestId('trace-from-peer').selectOption(from)
  await trace.getByTestId('trace-to-peer').selectOption(to)
  await trace.getByTestId('trace-protocol').selectOption(protocol)
  await trace.getByTestId('trace-port').fill(port)
  await trace.getByTestId('trace-run').click()
  const verdict = trace.getByTestId('trace-verdict')
  // A new query clears the previous answer, so a visible verdict is this query's.
  await expect(verdict).toBeVisible()
  return (await verdict.textContent()) ?? ''
}

const EXPECTED = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-frontend-to-backend
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
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-frontend-to-backend-egress
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: frontend
  egress:
    - toEndpoints:
        - matchLabels:
            app: backend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
    - toEndpoints:
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
    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`

test('journey: draw frontend→backend, DNS via kube-dns and a toFQDNs egress from an empty workspace', async ({ page }) => {
  await emptyWorkspace(page)
  await addWorkload(page, 'shop', 'app=frontend')
  await addWorkload(page, 'shop', 'app=backend')

  // 1. frontend → backend on 8080, written on both sides (zero trust: both directions enforced).
  await connectNodes(page, 'wl/shop/app=frontend', 'wl/shop/app=backend')
  const dialog = page.getByTestId('connect-dialog')
  await dialog.getByTestId('connect-preset').selectOption('http-8080')
  await dialog.getByTestId('connect-placement').selectOption('both')
  await dialog.getByTestId('connect-apply').click()
  await expect(dialog).toBeHidden()

  // 2. The node action: DNS to kube-dns through the DNS proxy.
  await page.locator('.react-flow__node[data-id="wl/shop/app=frontend"]').click({ button: 'right' })
  await page.getByTestId('menu-allow-dns').click()

  // 3. An FQDN from the palette, connected as an egress rule (the dialog proposes egress).
  await page.getByTestId('palette-add-fqdn').click()
  await page.getByTestId('palette-name').fill('api.stripe.com')
  await page.getByTestId('palette-add').click()
  await connectNodes(page, 'wl/shop/app=frontend', 'fqdn/api.stripe.com')
  await expect(dialog.getByTestId('connect-placement')).toHaveValue('egress')
  await dialog.getByTestId('connect-preset').selectOption('https')
  await dialog.getByTestId('connect-apply').click()
  await expect(dialog).toBeHidden()

  expect(await text(page)).toBe(EXPECTED)
  await expect(page.getByTestId('problems')).toContainText('2 policies')

  // The evaluator agrees: the drawn pairs are allowed, anything else is denied.
  await page.getByTestId('tab-trace').click()
  expect(await traceVerdict(page, 'wl/shop/app=frontend', 'wl/shop/app=backend', '8080')).toBe('allowed')
  expect(await traceVerdict(page, 'wl/shop/app=frontend', 'wl/kube-system/k8s-app=kube-dns', '53', 'UDP')).toBe('allowed')
  expect(await traceVerdict(page, 'wl/shop/app=frontend', 'fqdn/api.stripe.com', '443')).toBe('allowed')
  expect(await traceVerdict(page, 'wl/shop/app=frontend', 'wl/shop/app=backend', '9090')).toBe('denied')
  expect(await traceVerdict(page, 'wl/shop/app=backend', 'wl/shop/app=frontend', '8080')).toBe('allowed')
  expect(await traceVerdict(page, 'wl/shop/app=frontend', 'entity/world', '443')).toBe('denied')
  expect(await traceVerdict(page, 'entity/world', 'wl/shop/app=backend', '8080')).toBe('denied')
})
