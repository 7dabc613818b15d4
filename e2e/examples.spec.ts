import { expect, test } from '@playwright/test'
import { EXAMPLES } from '../src/domain/examples/catalog.ts'
import { EXPECTED_EDGES } from './fixtures/example-edges.ts'
import { graph, openFresh } from './helpers.ts'

// Each example's nodes and rule edges are checked where it is opened and measured, in
// layout.spec.ts ("example … opens with its nodes and rule edges, fitted, legible …"): one load of
// the app and of the example serves both.
test('every example but the explicit default deny has expected rule edges', () => {
  const withoutEdges = EXAMPLES.filter((e) => !EXPECTED_EDGES[e.id]).map((e) => e.id)
  expect(withoutEdges).toEqual(['default-deny'])
})

test('the default-deny example marks the namespace with ingress and egress shields', async ({ page }) => {
  await openFresh(page)
  await page.getByTestId('examples-menu').selectOption('default-deny')
  const ns = page.locator('.react-flow__node[data-id="ns/payments"]')
  await expect(ns.getByTestId('shield-ingress')).toBeVisible()
  await expect(ns.getByTestId('shield-egress')).toBeVisible()
  expect((await graph(page)).edges).toEqual([])
})
