import { expect, test } from '@playwright/test'
import { openFresh } from './helpers.ts'

test('the trace panel explains a pair in the demo and links to the deciding rule', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('tab-trace').click()
  const trace = page.getByTestId('trace')
  await trace.getByTestId('trace-from-peer').selectOption('wl/shop/app=frontend')
  await trace.getByTestId('trace-to-peer').selectOption('wl/shop/app=backend')
  await trace.getByTestId('trace-port').fill('8080')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('allowed')
  const ingress = trace.getByTestId('trace-ingress')
  await expect(ingress).toContainText('shop/backend-ingress')
  await expect(ingress).toContainText('spec.ingress[0]')

  // The link selects the deciding rule: its edge on the graph and its YAML.
  await ingress.getByRole('button', { name: /backend-ingress/ }).click()
  const sel = await page.evaluate(() => window.membrane.getSelection())
  expect(sel?.kind).toBe('edge')
  expect(sel?.yaml).toContain('app: frontend')
  expect(sel?.yaml).toContain('8080')

  // Another port: default deny, named with the policy that turned it on.
  await trace.getByTestId('trace-port').fill('9999')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('denied')
  await expect(ingress).toContainText('default-deny')

  // Audit mode turns the L3/L4 denial into audit, and the trace re-runs by itself.
  await page.getByTestId('audit-mode').check()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('audit')
})

test('an HTTP request outside the L7 rules is denied at L7 even in audit mode', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('audit-mode').check()
  await page.getByTestId('tab-trace').click()
  const trace = page.getByTestId('trace')
  await trace.getByTestId('trace-from-peer').selectOption('wl/shop/app=backend')
  await trace.getByTestId('trace-to-peer').selectOption('wl/payments/app=pg-gateway')
  await trace.getByTestId('trace-port').fill('8080')
  await trace.getByTestId('trace-http-method').fill('DELETE')
  await trace.getByTestId('trace-http-path').fill('/v1/charges/abc')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('denied')
  await expect(trace.getByTestId('trace-l7')).toContainText('denied')
  await trace.getByTestId('trace-http-method').fill('GET')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-l7')).toContainText('allowed')
})

test('a world source can be traced to a workload by IP', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('tab-trace').click()
  const trace = page.getByTestId('trace')
  await trace.getByTestId('trace-from-peer').selectOption('ip')
  await trace.getByTestId('trace-from-ip').fill('203.0.113.9')
  await trace.getByTestId('trace-to-peer').selectOption('wl/shop/app=frontend')
  await trace.getByTestId('trace-port').fill('3000')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('allowed')
  await expect(trace.getByTestId('trace-ingress')).toContainText('frontend-from-world')
})

test('rule edges explain on hover which rule they come from and what they let through', async ({ page }) => {
  await openFresh(page)
  const label = page.locator('.edge-label', { hasText: 'TCP/3000' })
  await expect(label).toHaveAttribute('title', /Anything outside the cluster \(world\) may connect to pods labelled app=frontend in namespace shop on TCP\/3000/)
  await expect(label).toHaveAttribute('title', /spec\.ingress\[0\] of CiliumNetworkPolicy shop\/frontend-from-world/)
})
