import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { EvaluatorCore } from '../worker/evaluator-core.ts'
import { applyAgentConfig, enableNodeSelectorsIfWritten } from './agent-settings.ts'
import { installStores } from './app-stores.ts'
import { problemsOf } from './editor-markers.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { MemoryBackend, SAVE_MS, appStores, workspaceStore } from './test-util.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const saved = (backend: MemoryBackend): { settings: Record<string, unknown> } => JSON.parse(backend.values.get('membrane.workspace.v1') ?? 'null')

describe('the workspace keeps every agent setting', () => {
  it('saves and restores the whole settings model, not only the toolbar switches', () => {
    const backend = new MemoryBackend()
    const first = workspaceStore({ backend })
    first.getState().setSettings({ ciliumVersion: '1.17', hostFirewall: true, tofqdnsMinTtl: 30, clusterName: 'prod-eu', policyDefaultLocalCluster: false })
    vi.advanceTimersByTime(SAVE_MS)
    expect(saved(backend).settings).toMatchObject({ ciliumVersion: '1.17', hostFirewall: true, tofqdnsMinTtl: 30, clusterName: 'prod-eu', policyDefaultLocalCluster: false })
    const second = workspaceStore({ backend }).getState()
    expect(second.settings).toEqual({ ...DEFAULT_AGENT_SETTINGS, ciliumVersion: '1.17', hostFirewall: true, tofqdnsMinTtl: 30, clusterName: 'prod-eu', policyDefaultLocalCluster: false })
  })

  it('a save from before the settings model reads as the defaults plus what it held', () => {
    const backend = new MemoryBackend()
    backend.values.set('membrane.workspace.v1', JSON.stringify({ text: 'x: 1\n', source: 'saved', settings: { auditMode: true, enforcementMode: 'always' } }))
    expect(workspaceStore({ backend }).getState().settings).toEqual({ ...DEFAULT_AGENT_SETTINGS, auditMode: true, enforcementMode: 'always' })
  })

  it('ill-typed saved values fall back to the defaults', () => {
    const backend = new MemoryBackend()
    backend.values.set('membrane.workspace.v1', JSON.stringify({ text: 'x: 1\n', settings: { ciliumVersion: 'latest', hostFirewall: 'yes', tofqdnsMinTtl: -5 } }))
    expect(workspaceStore({ backend }).getState().settings).toEqual(DEFAULT_AGENT_SETTINGS)
  })
})

const DEFAULT_ALLOW = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  enableDefaultDeny: {ingress: false}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/public"}]}}]
`

describe('the evaluator is given the whole settings model', () => {
  // §3.3: before 1.18 an L7 rule refuses non-matching requests even under enableDefaultDeny: false.
  const privateRequest = (ciliumVersion: string): string => {
    const core = new EvaluatorCore()
    core.run({ type: 'setWorkspace', text: DEFAULT_ALLOW, settings: { ...DEFAULT_AGENT_SETTINGS, ciliumVersion } })
    const web = { kind: 'pod', namespace: 'shop', labels: { app: 'web' } } as const
    const api = { kind: 'pod', namespace: 'shop', labels: { app: 'api' } } as const
    return core.run({ type: 'trace', query: { from: web, to: api, protocol: 'TCP', port: 80, http: { method: 'GET', path: '/private' } } }).result.verdict
  }
  it('the Cilium version flips the L7-under-default-allow answer (§3.3)', () => {
    expect(privateRequest('1.18')).toBe('allowed')
    expect(privateRequest('1.17')).toBe('denied')
  })
})

const POD_TO_NODES = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: agent, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: agent}}
  egress:
    - toNodes: [{matchLabels: {node-role.kubernetes.io/control-plane: ""}}]
`

describe('a drawn rule stays evaluable', () => {
  it('writing toNodes turns on enable-node-selector-labels once, and says so', () => {
    const stores = appStores({ demoText: POD_TO_NODES })
    installStores(stores)
    expect(stores.workspace.getState().settings.enableNodeSelectorLabels).toBe(false)
    expect(enableNodeSelectorsIfWritten()).toBe(true)
    expect(stores.workspace.getState().settings.enableNodeSelectorLabels).toBe(true)
    expect(stores.workspace.getState().notice?.text).toContain('enable-node-selector-labels')
    expect(enableNodeSelectorsIfWritten()).toBe(false)
  })

  it('a rule without node peers leaves the setting as Cilium defaults it', () => {
    const stores = appStores({ demoText: DEFAULT_ALLOW })
    installStores(stores)
    expect(enableNodeSelectorsIfWritten()).toBe(false)
    expect(stores.workspace.getState().settings.enableNodeSelectorLabels).toBe(false)
  })
})

describe('importing the cluster config applies what it read', () => {
  it('a cilium-config with policy-audit-mode turns audit on and lists the keys', () => {
    const stores = appStores()
    installStores(stores)
    const r = applyAgentConfig(`apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data:
  policy-audit-mode: "true"
  enable-host-firewall: "true"
  cluster-pool-ipv4-cidr: 10.0.0.0/8
`)
    expect(r.format).toBe('cilium-config')
    expect(r.read.map((k) => k.key)).toEqual(['policy-audit-mode', 'enable-host-firewall'])
    expect(r.ignored.map((k) => k.key)).toEqual(['cluster-pool-ipv4-cidr'])
    expect(stores.workspace.getState().settings).toMatchObject({ auditMode: true, hostFirewall: true })
  })

  it('a text that sets nothing changes nothing', () => {
    const stores = appStores()
    installStores(stores)
    const before = stores.workspace.getState().settings
    const r = applyAgentConfig('just: [unrelated')
    expect(r.read).toEqual([])
    expect(stores.workspace.getState().settings).toBe(before)
  })
})

describe('the Problems list is what the editor marks', () => {
  const parse = parsePolicies('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a}\nspec:\n  endpointSelector: {}\n  bogus: 1\n')
  it('before the editor loads, the parse diagnostics (errors and warnings) stand in', () => {
    const list = problemsOf(null, parse.diagnostics)
    expect(list.length).toBe(parse.diagnostics.filter((d) => d.severity !== 'info').length)
    expect(list.length).toBeGreaterThan(0)
  })
  it('once the editor reports markers, schema markers count too', () => {
    const markers = [
      { severity: 'error' as const, message: 'ours', line: 6, column: 3, offset: 90, source: 'membrane' },
      { severity: 'warning' as const, message: 'Property bogus is not allowed.', line: 6, column: 3, offset: 90, source: 'yaml' },
    ]
    expect(problemsOf(markers, parse.diagnostics)).toHaveLength(2)
  })
})
