/**
 * TLS fields on the page (§6.6): the Trace panel evaluates serverNames against the SNI it is
 * given (and says the verdict depends on it when none is), and the rule edges carry readable TLS
 * and generic-L7 badges explained on hover. Policies: fixtures/policies/tls-server-names.yaml.
 */
import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { openFresh, setText, settled } from './helpers.ts'

const YAML = readFileSync('fixtures/policies/tls-server-names.yaml', 'utf8')

test('serverNames are traced with the SNI given, and drawn as TLS badges on their edges', async ({ page }, info) => {
  await openFresh(page)
  await setText(page, YAML)

  // Edge badges: whole, inside the label box the layout reserved, explained on hover.
  const sni = page.locator('.edge-label', { hasText: 'TLS sni: api.example.com' })
  await expect(sni).toBeVisible()
  await expect(sni.locator('.edge-label__line--badge')).toHaveText(['TLS sni: api.example.com'])
  await expect(sni).toHaveAttribute('title', /TLS only, with an SNI matching api\.example\.com \(serverNames, §6\.6\)/)
  const partner = page.locator('.edge-label', { hasText: 'TLS sni: partner.example.com' })
  // Long badges wrap onto indented lines inside the label (never cut).
  await expect(partner.locator('.edge-label__line--badge')).toHaveText(['TLS sni: partner.example.com', 'TLS terminate: shop/', 'partner-intercept', 'TLS originate: shop/', 'partner-ca'])
  const l7 = page.locator('.edge-label', { hasText: 'not evaluated' })
  await expect(l7).toHaveAttribute('title', /judged at L4 \(l7proto, §7\.1\)/)
  for (const label of [sni, partner, l7]) {
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true)
  }
  await settled(() => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform))
  await page.screenshot({ path: info.outputPath('tls-badges.png') })
  await page.screenshot({ path: 'test-results/tls-badges.png' })

  // Trace: without an SNI the answer says it depends on one; with one, serverNames decide.
  await page.getByTestId('tab-trace').click()
  const trace = page.getByTestId('trace')
  await trace.getByTestId('trace-from-peer').selectOption('wl/shop/app=client')
  await trace.getByTestId('trace-to-peer').selectOption('ip')
  await trace.getByTestId('trace-to-ip').fill('203.0.113.10')
  await trace.getByTestId('trace-port').fill('443')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('allowed')
  await expect(trace.getByTestId('trace-sni-note')).toContainText('This verdict depends on the TLS SNI: shop/client-egress spec.egress[0] lets through only connections whose SNI matches api.example.com')

  await trace.getByTestId('trace-sni').fill('api.example.com')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-l7')).toContainText('L7 TLS allowed')
  await expect(trace.getByTestId('trace-verdict')).toHaveText('allowed')
  await expect(trace.getByTestId('trace-sni-note')).toHaveCount(0)

  await trace.getByTestId('trace-sni').fill('evil.example.org')
  await trace.getByTestId('trace-run').click()
  await expect(trace.getByTestId('trace-verdict')).toHaveText('denied')
  await expect(trace.getByTestId('trace-l7')).toContainText('TLS SNI evil.example.org matches none of these serverNames')
})
