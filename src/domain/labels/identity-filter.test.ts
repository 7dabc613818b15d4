import { describe, expect, it } from 'vitest'
import { isIdentityLabel } from './identity-filter.ts'
import { isIdentityLabel as inventoryFilter } from '../inventory/identity.ts'
import { podLabels } from '../engine/identity.ts'

describe('identity label filter (§1.3)', () => {
  it.each([
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['pod-template-hash', false],
    ['controller-revision-hash', false],
    ['statefulset.kubernetes.io/pod-name', false],
    ['apps.kubernetes.io/pod-index', false],
    ['batch.kubernetes.io/job-completion-index', false],
    ['kubernetes.io/hostname', false],
    ['node.beta.kubernetes.io/instance-type', false],
    ['topology.kubernetes.io/zone', false],
    ['io.cilium.k8s.policy.serviceaccount', false],
    ['annotation.foo', false],
  ])('%s → %s', (key, kept) => {
    expect(isIdentityLabel(key)).toBe(kept)
  })

  it('is the one filter the engine and the inventory use', () => {
    expect(inventoryFilter).toBe(isIdentityLabel)
    const keys = podLabels({ namespace: 'shop', labels: { app: 'web', 'apps.kubernetes.io/pod-index': '0' } }).map((l) => l.key)
    expect(keys).toContain('app')
    expect(keys).not.toContain('apps.kubernetes.io/pod-index')
  })
})
