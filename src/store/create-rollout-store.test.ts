import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppStores } from './app-stores.ts'
import { SHOP, appStores } from './test-util.ts'

let stores: AppStores | null = null
afterEach(() => {
  stores?.dispose()
  stores = null
})

const PASSES = '- from: shop:app=frontend\n  to: shop:app=backend\n  port: 8080/TCP\n  expect: allowed\n'

describe('the rollout store follows the workspace (in-thread evaluator)', () => {
  it('evaluates the expectations saved with the workspace, again after a policy edit breaks one', async () => {
    stores = appStores()
    const s = stores
    s.workspace.getState().setSettings({ expectations: PASSES })
    await vi.waitFor(() => expect(s.rollout.getState().expectations?.rows.map((r) => r.ok)).toEqual([true]))
    s.workspace.getState().commitText({ text: SHOP.replace('"8080"', '"8081"'), origin: 'script' })
    await vi.waitFor(() => expect(s.rollout.getState().expectations?.rows[0]).toMatchObject({ ok: false, verdict: 'denied' }))
    s.workspace.getState().setSettings({ expectations: `${PASSES}- from: [\n` })
    await vi.waitFor(() => expect(s.rollout.getState().expectations?.problems[0]).toMatchObject({ line: 6 }))
  })

  it('asks for the rollout report only while a panel watches it, and it follows the audit scope', async () => {
    stores = appStores()
    const s = stores
    await s.rollout.getState().refresh()
    expect(s.rollout.getState().report).toBeNull()
    const stop = s.rollout.getState().watch()
    await vi.waitFor(() => expect(s.rollout.getState().report?.namespaces.map((n) => n.namespace)).toEqual(['shop']))
    expect(s.rollout.getState().report?.namespaces[0].inAudit).toBe(false)
    s.workspace.getState().setSettings({ auditScope: { namespaces: ['shop'], workloads: [] } })
    await vi.waitFor(() => expect(s.rollout.getState().report?.namespaces[0].inAudit).toBe(true))
    stop()
    expect(s.rollout.getState().watchers).toBe(0)
  })
})
