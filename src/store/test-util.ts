/** Fresh stores for unit tests: an in-memory autosave, short fixed delays, the in-thread evaluator. */
import type { NodeId } from '../domain/graph/handles.ts'
import { createEvaluator } from '../worker/evaluator-client.ts'
import { createAppStores } from './app-stores.ts'
import type { AppStores } from './app-stores.ts'
import { createWorkspaceStore } from './create-workspace-store.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'
import { makeDraft } from './drafts.ts'
import type { DraftKind, DraftNode } from './drafts.ts'
import { keyValueStorage } from './persistence.ts'
import type { WorkspaceStorage } from './persistence.ts'
import type { WorkspaceState } from './workspace-types.ts'

/** One policy: shop/backend admits shop/frontend on TCP/8080. */
export const SHOP = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`

/** Another workspace, for loads and resets. */
export const DEMO = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: demo}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress:
    - fromEntities: [world]
`

export const PARSE_MS = 100
export const SAVE_MS = 300

/** A key-value autosave backend that remembers every write and can be told to refuse. */
export class MemoryBackend {
  readonly values = new Map<string, string>()
  writes = 0
  refuse = false
  getItem(key: string): string | null {
    return this.values.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new Error('QuotaExceededError')
    this.writes += 1
    this.values.set(key, value)
  }
}

export interface StoreOptions {
  readonly demoText?: string
  readonly backend?: MemoryBackend
  readonly storage?: WorkspaceStorage
}

export function workspaceStore(options: StoreOptions = {}): WorkspaceStore {
  return createWorkspaceStore({
    demoText: options.demoText ?? SHOP,
    storage: options.storage ?? keyValueStorage(options.backend ?? new MemoryBackend()),
    parseDelayMs: PARSE_MS,
    saveDelayMs: SAVE_MS,
  })
}

export function appStores(options: StoreOptions = {}): AppStores {
  return createAppStores({
    demoText: options.demoText ?? SHOP,
    storage: options.storage ?? keyValueStorage(options.backend ?? new MemoryBackend()),
    evaluator: createEvaluator(),
    parseDelayMs: PARSE_MS,
    saveDelayMs: SAVE_MS,
    syncDelayMs: 150,
  })
}

export function draft(kind: DraftKind, input: { name?: string; namespace?: string; labels?: string }): DraftNode {
  const d = makeDraft(kind, input)
  if (typeof d === 'string') throw new Error(d)
  return d
}

/** The id of the node the panes draw with this label (ids are the graph's business, labels are stable). */
export function nodeId(state: Pick<WorkspaceState, 'displayGraph'>, label: string): NodeId {
  const node = state.displayGraph.nodes.find((n) => n.label === label)
  if (!node) throw new Error(`no node labelled ${label}`)
  return node.id
}

export const labels = (state: Pick<WorkspaceState, 'displayGraph'>): string[] => state.displayGraph.nodes.map((n) => n.label).sort()
export const edgeLabels = (state: Pick<WorkspaceState, 'displayGraph'>): string[] => state.displayGraph.edges.map((e) => e.label).sort()

/** One recorded flow frontend → backend on TCP/8080: the flow SHOP's rule admits. */
export const SHOP_FLOW = JSON.stringify({
  flow: {
    time: '2025-06-12T09:30:00Z',
    verdict: 'FORWARDED',
    IP: { source: '10.244.1.10', destination: '10.244.2.44', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: 41822, destination_port: 8080, flags: { SYN: true } } },
    source: { namespace: 'shop', labels: ['k8s:app=frontend', 'k8s:io.kubernetes.pod.namespace=shop'] },
    destination: { namespace: 'shop', labels: ['k8s:app=backend', 'k8s:io.kubernetes.pod.namespace=shop'] },
    traffic_direction: 'INGRESS',
    is_reply: false,
  },
})
