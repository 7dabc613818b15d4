import { afterEach, describe, expect, it } from 'vitest'
import type { AppStores } from './app-stores.ts'
import { SHOP, appStores } from './test-util.ts'

/** frontend's egress allows only DNS: the SHOP ingress rule on backend is blocked elsewhere. */
const FRONTEND_EGRESS = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: frontend-egress, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: frontend}}
  egress:
    - toEntities: [world]
`

let stores: AppStores | null = null
afterEach(() => {
  stores?.dispose()
  stores = null
})

const onlyVerdict = (s: AppStores): string | undefined => {
  const v = s.evaluation.getState().edgeVerdicts
  return v?.current ? Object.values(v.byId)[0]?.verdict : undefined
}

describe('edge verdicts follow the workspace and its switches', () => {
  it('arrive after the graph, and follow an edit and the audit switch', async () => {
    stores = appStores()
    await expect.poll(() => onlyVerdict(stores!)).toBe('allowed')
    stores.workspace.getState().commitText({ text: SHOP + FRONTEND_EGRESS, origin: 'script' })
    expect(stores.evaluation.getState().edgeVerdicts?.current).toBe(false)
    await expect.poll(() => {
      const v = stores!.evaluation.getState().edgeVerdicts
      return v?.current ? Object.values(v.byId).find((x) => x.edgeId.includes('/backend#'))?.cause : undefined
    }).toBe('blocked-elsewhere')
    stores.workspace.getState().setSettings({ auditMode: true })
    await expect.poll(() => {
      const v = stores!.evaluation.getState().edgeVerdicts
      return v?.current ? Object.values(v.byId).find((x) => x.edgeId.includes('/backend#'))?.verdict : undefined
    }).toBe('audit')
  })
})
