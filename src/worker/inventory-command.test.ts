/**
 * An imported cluster inventory in the page's evaluator does what `--inventory` does on the command
 * line: named ports resolve (§6.2), toServices matches the Service's pods (§5.5), lints know the
 * pods no flow showed, Trace borrows a pod's named ports, and forgetting it undoes all of that.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { EvaluatorCore } from './evaluator-core.ts'
import type { EvaluatorSettings } from './protocol.ts'

const SETTINGS: EvaluatorSettings = { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' }

const POLICIES = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: api}}]
      toPorts: [{ports: [{port: pg, protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  egress:
    - toServices: [{k8sService: {serviceName: db, namespace: shop}}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: batch, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: nightly-batch}}
  egress:
    - toEntities: [world]
`

const pod = (name: string, app: string, ip: string, ports: readonly object[] = []): object => ({
  kind: 'Pod', apiVersion: 'v1',
  metadata: { name, namespace: 'shop', labels: { app } },
  spec: { serviceAccountName: app, containers: [{ name: app, ports }] },
  status: { podIP: ip, podIPs: [{ ip }] },
})
const INVENTORY = JSON.stringify({
  kind: 'List', apiVersion: 'v1',
  items: [
    { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'checkout' } } },
    pod('api-1', 'api', '10.0.0.1'),
    pod('db-1', 'db', '10.0.0.2', [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]),
    pod('nightly-batch-1', 'nightly-batch', '10.0.0.3'),
    { kind: 'Service', apiVersion: 'v1', metadata: { name: 'db', namespace: 'shop' }, spec: { selector: { app: 'db' }, ports: [{ port: 5432 }], clusterIP: '10.96.0.10' } },
  ],
})

const endpoint = (app: string, podName: string): object => ({
  namespace: 'shop', pod_name: podName,
  labels: [`k8s:app=${app}`, 'k8s:io.kubernetes.pod.namespace=shop', 'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=shop'],
})
const flow = (direction: 'INGRESS' | 'EGRESS'): string => JSON.stringify({ flow: {
  time: '2026-11-30T10:00:00Z', verdict: 'FORWARDED', Type: 'L3_L4', traffic_direction: direction, is_reply: false,
  IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 40000, destination_port: 5432, flags: { SYN: true } } },
  source: endpoint('api', 'api-1'), destination: endpoint('db', 'db-1'),
} })
// The same connection seen at the client's egress and at the server's ingress.
const FLOWS = `${flow('EGRESS')}\n${flow('INGRESS')}\n`

function core(): EvaluatorCore {
  const c = new EvaluatorCore()
  c.run({ type: 'setWorkspace', text: POLICIES, settings: SETTINGS })
  c.run({ type: 'loadFlows', text: FLOWS })
  return c
}
const verdicts = (c: EvaluatorCore): string[] => c.run({ type: 'verdicts' }).flows.map((f) => f.verdict)

describe('imported inventory in the evaluator', () => {
  it('summarises what it read, with the namespace labels the graph draws KNP peers with', () => {
    const summary = core().run({ type: 'setInventory', inventory: { files: [{ name: 'cluster.json', text: INVENTORY }] } })
    expect(summary).toMatchObject({ name: 'cluster.json', pods: 3, namespaces: 1, services: 1, nodes: 0 })
    expect(summary?.namespaceLabels).toEqual({ shop: { 'kubernetes.io/metadata.name': 'shop', team: 'checkout' } })
  })

  it('resolves the named port and toServices, as membrane evaluate --inventory does, and forgets them with it', () => {
    const c = core()
    // Without pods' container ports "pg" names no port, and without Services toServices matches nothing.
    expect(verdicts(c)).toEqual(['denied', 'denied'])
    c.run({ type: 'setInventory', inventory: { files: [{ name: 'cluster.json', text: INVENTORY }] } })
    expect(verdicts(c)).toEqual(['allowed', 'allowed'])
    // A later edit keeps the inventory.
    c.run({ type: 'setWorkspace', text: `${POLICIES}\n`, settings: SETTINGS })
    expect(verdicts(c)).toEqual(['allowed', 'allowed'])
    expect(c.run({ type: 'setInventory', inventory: null })).toBeNull()
    expect(verdicts(c)).toEqual(['denied', 'denied'])
  })

  it('counts its pods as known endpoints in the lints', () => {
    const c = core()
    const nothing = (): string[] => c.run({ type: 'lint', text: POLICIES }).findings
      .filter((f) => f.code === 'selector-matches-nothing').map((f) => f.policy)
    // The capture shows api and db only: the batch job's selector looks dead.
    expect(nothing()).toContain('shop/batch')
    c.run({ type: 'setInventory', inventory: { files: [{ name: 'cluster.json', text: INVENTORY }] } })
    expect(nothing()).not.toContain('shop/batch')
  })

  it('lends the Trace panel a pod like the one asked about, with its named ports', () => {
    const c = new EvaluatorCore()
    c.run({ type: 'setWorkspace', text: POLICIES, settings: SETTINGS })
    const query = { from: { kind: 'pod', namespace: 'shop', labels: { app: 'api' } }, to: { kind: 'pod', namespace: 'shop', labels: { app: 'db' } }, protocol: 'TCP', port: 5432 } as const
    const ingress = (): string | undefined => c.run({ type: 'trace', query }).result.ingress.verdict
    expect(ingress()).toBe('denied')
    c.run({ type: 'setInventory', inventory: { files: [{ name: 'cluster.json', text: INVENTORY }] } })
    expect(ingress()).toBe('allowed')
  })

  it('reports what it could not read instead of failing', () => {
    const summary = core().run({ type: 'setInventory', inventory: { files: [{ name: 'broken.yaml', text: 'items: [\n' }] } })
    expect(summary?.pods).toBe(0)
    expect(summary?.problems[0]).toMatchObject({ severity: 'error', line: expect.any(Number) as number })
  })
})
