import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
/**
 * The evaluator client against the real worker module in a real thread (not the in-thread
 * fallback): its queue, cancellation and timeout are what the UI relies on when a re-evaluation
 * is superseded or a command hangs.
 */
import { readFileSync } from 'node:fs'
import { Worker as NodeWorker } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, createEvaluator } from './evaluator-client.ts'
import type { Evaluator } from './evaluator-client.ts'
import type { EvaluatorSettings } from './protocol.ts'

const SHIM = new URL('./node-worker-shim.ts', import.meta.url)
const HUBBLE = new URL('../../fixtures/hubble/', import.meta.url)
const ENFORCE: EvaluatorSettings = { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' }
const AUDIT: EvaluatorSettings = { ...DEFAULT_AGENT_SETTINGS, auditMode: true, enforcementMode: 'default' }

const POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`
const frontend = { kind: 'pod', namespace: 'shop', labels: { app: 'frontend' } } as const
const backend = { kind: 'pod', namespace: 'shop', labels: { app: 'backend' } } as const
const trace = (port: number) => ({ type: 'trace', query: { from: frontend, to: backend, protocol: 'TCP', port } }) as const

/** Real captures, enough work (a few MB of JSON) that the worker is busy for a while. */
const CAPTURES = [
  'kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl',
  'kind-bookinfo-2021_udp-dns-policyverdict_400.jsonl',
  'gke-istio-2021_dns-l7-request-response_330.jsonl',
  'gke-istio-2021_http-l7-request-response_348.jsonl',
]
const BIG = Array.from({ length: 3 }, () => CAPTURES.map((f) => readFileSync(new URL(f, HUBBLE), 'utf8').trimEnd()).join('\n')).join('\n')
const BIG_FLOWS = 3 * (400 + 400 + 330 + 348)

/** A Node thread behind the slice of the DOM `Worker` interface the client uses. */
function threadWorker(): Worker {
  // tsx loads the TypeScript modules in the thread (Vite bundles them for the browser); the eval'd
  // boot script resolves `tsx` from the working directory, the repository root under vitest.
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(SHIM.href)}, ${JSON.stringify(import.meta.url)}))`
  const thread = new NodeWorker(boot, { eval: true })
  const worker = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    onerror: null as ((event: { message: string }) => void) | null,
    postMessage: (message: unknown): void => thread.postMessage(message),
    terminate: (): void => void thread.terminate(),
  }
  thread.on('message', (data: unknown) => worker.onmessage?.({ data }))
  thread.on('error', (err: Error) => worker.onerror?.({ message: err.message }))
  return worker as unknown as Worker
}

describe('evaluator client in a real worker thread', () => {
  let ev: Evaluator
  beforeEach(() => {
    // The client uses a worker only where the platform has one; Node's own Worker stands in.
    vi.stubGlobal('Worker', NodeWorker)
    ev = createEvaluator(threadWorker)
  })
  afterEach(() => {
    ev.dispose()
    vi.unstubAllGlobals()
  })

  it('runs queued commands in the order they were sent and gives each call its own answer', async () => {
    // Sent all at once: every trace must see the workspace set just before it.
    const calls = [
      ev.call({ type: 'setWorkspace', text: POLICY, settings: ENFORCE }),
      ev.call(trace(8080)),
      ev.call(trace(9090)),
      ev.call({ type: 'setWorkspace', text: POLICY, settings: AUDIT }),
      ev.call(trace(9090)),
      ev.call({ type: 'setWorkspace', text: '', settings: ENFORCE }),
      ev.call(trace(9090)),
    ] as const
    const [set, allowed, denied, , audit, empty, open] = await Promise.all(calls)
    expect(set).toEqual({ policies: 1, problems: 0 })
    expect(allowed.result.verdict).toBe('allowed')
    expect(denied.result.verdict).toBe('denied')
    expect(audit.result.verdict).toBe('audit')
    expect(empty).toEqual({ policies: 0, problems: 0 })
    // Nothing selects the backend any more.
    expect(open.result.verdict).toBe('allowed')
  })

  it('skips a command cancelled while it waits in the queue, and rejects its call', async () => {
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: ENFORCE })
    // The worker is busy with the flows while the empty workspace and its cancel arrive.
    const busy = ev.call({ type: 'loadFlows', text: BIG })
    const ac = new AbortController()
    const superseded = ev.call({ type: 'setWorkspace', text: '', settings: ENFORCE }, { signal: ac.signal })
    ac.abort()
    await expect(superseded).rejects.toBeInstanceOf(CancelledError)
    expect((await busy).flows).toBe(BIG_FLOWS)
    // Had the cancelled command run, no policy would select the backend and 9090 would pass.
    expect((await ev.call(trace(9090))).result.verdict).toBe('denied')
    expect((await ev.call(trace(8080))).result.verdict).toBe('allowed')
  })

  it('rejects a call that takes longer than its timeout; the worker goes on and later calls get their own answers', async () => {
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: ENFORCE })
    await expect(ev.call({ type: 'loadFlows', text: BIG }, { timeoutMs: 1 })).rejects.toThrow('evaluator did not answer within 1 ms')
    // The late answer of the timed-out call must not be taken for this one.
    const v = await ev.call({ type: 'verdicts' })
    expect(v.flows).toHaveLength(BIG_FLOWS)
    expect((await ev.call(trace(9090))).result.verdict).toBe('denied')
  })

  it('rejects calls still pending when it is disposed', async () => {
    await ev.call({ type: 'setWorkspace', text: POLICY, settings: ENFORCE })
    const pending = ev.call({ type: 'loadFlows', text: BIG })
    ev.dispose()
    await expect(pending).rejects.toBeInstanceOf(CancelledError)
  })
})
