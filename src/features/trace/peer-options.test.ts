import { describe, expect, it } from 'vitest'
import { mergeDrafts } from '../../store/drafts.ts'
import { peerOptions, peerFor, IP_OPTION } from './peer-options.ts'

describe('trace peer options', () => {
  const graph = mergeDrafts({ nodes: [], edges: [] }, [
    { id: 'wl/shop/app=web', kind: 'workload', label: 'app=web', namespace: 'shop', labels: { app: 'web' } },
    { id: 'fqdn/*.example.com', kind: 'fqdn', label: '*.example.com' },
  ])
  const options = peerOptions(graph)
  it('offers drawn workloads as pods of their namespace', () => {
    expect(peerFor(options, 'wl/shop/app=web', '')).toEqual({ kind: 'pod', namespace: 'shop', labels: { app: 'web' } })
    expect(peerFor(options, 'ns/shop', '')).toEqual({ kind: 'pod', namespace: 'shop', labels: {} })
  })
  it('traces a DNS pattern through one name it matches', () => {
    expect(peerFor(options, 'fqdn/*.example.com', '')).toEqual({ kind: 'fqdn', name: 'www.example.com' })
  })
  it('offers entities and a typed IP', () => {
    expect(peerFor(options, 'entity/world', '')).toEqual({ kind: 'entity', name: 'world' })
    expect(peerFor(options, IP_OPTION, ' 10.0.0.1 ')).toEqual({ kind: 'ip', ip: '10.0.0.1' })
    expect(peerFor(options, IP_OPTION, '')).toBeNull()
  })
})
