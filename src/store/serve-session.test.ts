/**
 * The served page's session against a scripted server: it opens the folder under file headers,
 * saves exactly the changed files, refuses loose text, reloads disk changes or asks, and keeps
 * the version it did not choose; live flows land in the worker in a bounded window.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ingestFlows } from '../domain/flows/index.ts'
import { joinWorkspaceFiles } from '../domain/files/workspace-files.ts'
import type { ServeApi } from './serve-session-api.ts'
import { ServeApiError } from './serve-session-api.ts'
import { startSession, useServeSession } from './serve-session.ts'
import type { SessionHandle } from './serve-session.ts'
import { getSaveTarget } from './save-target.ts'
import { SHOP, appStores } from './test-util.ts'

const FLOWS = ingestFlows(readFileSync('public/samples/demo-flows.jsonl', 'utf8')).flows
const A = SHOP
const B = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: b}\nspec:\n  endpointSelector: {}\n'

interface Fake {
  api: ServeApi
  saves: unknown[]
  emit(type: string, data: unknown): void
  conflictNext?: { path: string; text: string; version: string }
}

function fakeServer(files = [{ path: 'a.yaml', text: A, version: 'va' }, { path: 'shop/b.yml', text: B, version: 'vb' }], extra: { flowFiles?: string[]; inventory?: string } = {}): Fake {
  let listener: ((type: string, data: unknown) => void) | null = null
  const fake: Fake = {
    saves: [],
    emit: (type, data) => listener?.(type, data),
    api: {
      async json<T>(path: string, init?: RequestInit): Promise<T> {
        if (path === '/api/session') {
          const flowFiles = (extra.flowFiles ?? []).map((_, id) => ({ id, name: `capture-${id}.jsonl`, bytes: 0 }))
          return { folder: { name: 'policies', files, skipped: [] }, flowFiles, inventory: extra.inventory ? { name: 'pods.json' } : null, live: { sources: ['stdin'], open: true } } as T
        }
        const body = JSON.parse(String(init?.body)) as { files: { path: string }[] }
        fake.saves.push(body)
        if (fake.conflictNext) {
          const c = fake.conflictNext
          fake.conflictNext = undefined
          throw new ServeApiError(409, `changed on disk since the page read it: ${c.path}`, { conflicts: [c] })
        }
        return { written: body.files.map((f) => ({ path: f.path, version: `v-${fake.saves.length}` })), unchanged: [] } as T
      },
      blob: (path) => Promise.resolve(new Blob([extra.flowFiles?.[Number(path.split('/').pop())] ?? ''])),
      text: () => Promise.resolve(extra.inventory ?? ''),
      events(onEvent, signal) {
        listener = onEvent
        onEvent('hello', { open: true, sources: ['stdin'] })
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve()))
      },
    },
  }
  return fake
}

let handle: SessionHandle | null = null
afterEach(() => {
  handle?.stop()
  handle = null
})

async function open(fake = fakeServer()) {
  const stores = appStores({ demoText: '' })
  handle = await startSession(stores, fake.api, null)
  return { stores, fake, text: () => stores.workspace.getState().text, setText: (t: string) => stores.workspace.getState().commitText({ text: t, origin: 'script' }) }
}

describe('the served workspace', () => {
  it('opens with every file of the folder under its header, and registers the save target', async () => {
    const { text } = await open()
    expect(text()).toBe(joinWorkspaceFiles([{ path: 'a.yaml', text: A }, { path: 'shop/b.yml', text: B }]))
    expect(getSaveTarget()?.label).toBe('Save to policies/')
  })

  it('an empty folder opens on one header to type under', async () => {
    const { text } = await open(fakeServer([]))
    expect(text()).toBe('# file: policies.yaml\n')
  })

  it('saves only the file whose bytes changed, with the version it was read at; nothing when nothing changed', async () => {
    const { fake, text, setText } = await open()
    const none = await useServeSession.getState().save()
    expect(none).toEqual({ ok: true, message: 'Nothing to save' })
    expect(fake.saves).toEqual([])
    setText(text().replace('name: b}', 'name: b2}'))
    const saved = await useServeSession.getState().save()
    expect(saved).toEqual({ ok: true, message: 'Saved 1 file to policies/' })
    expect(fake.saves).toEqual([{ files: [{ path: 'shop/b.yml', text: B.replace('name: b}', 'name: b2}'), base: 'vb' }] }])
    // The saved bytes are the new base: saving again sends nothing.
    expect((await useServeSession.getState().save()).message).toBe('Nothing to save')
  })

  it('refuses to save text above the first header, saying how to give it a file', async () => {
    const { fake, text, setText } = await open()
    setText('kind: CiliumNetworkPolicy\n---\n' + text())
    const r = await useServeSession.getState().save()
    expect(r.ok).toBe(false)
    expect(r.message).toMatch(/belongs to no file/)
    expect(fake.saves).toEqual([])
  })

  it('a file changed on disk reloads when the page has no edits to it', async () => {
    const { fake, text } = await open()
    fake.emit('file', { path: 'a.yaml', text: 'kind: x\n', version: 'va2' })
    expect(text()).toBe(joinWorkspaceFiles([{ path: 'a.yaml', text: 'kind: x\n' }, { path: 'shop/b.yml', text: B }]))
    fake.emit('file', { path: 'new.yaml', text: 'kind: n\n', version: 'vn' })
    expect(text()).toContain('# file: new.yaml\nkind: n\n')
    fake.emit('file', { path: 'new.yaml', text: null, version: null })
    expect(text()).not.toContain('new.yaml')
    expect(useServeSession.getState().conflicts).toEqual([])
  })

  it('with unsaved edits a disk change asks; "disk" loads it and keeps the edits aside', async () => {
    const { fake, text, setText } = await open()
    setText(text().replace('name: b}', 'name: mine}'))
    fake.emit('file', { path: 'shop/b.yml', text: 'disk: 1\n', version: 'vb2' })
    expect(useServeSession.getState().conflicts).toEqual([{ path: 'shop/b.yml', disk: 'disk: 1\n', diskVersion: 'vb2', mine: B.replace('name: b}', 'name: mine}') }])
    expect((await useServeSession.getState().save()).ok).toBe(false)
    useServeSession.getState().resolve('shop/b.yml', 'disk')
    expect(text()).toContain('# file: shop/b.yml\ndisk: 1\n')
    expect(useServeSession.getState().keptAside[0]).toMatchObject({ path: 'shop/b.yml', which: 'editor', text: B.replace('name: b}', 'name: mine}') })
  })

  it('"mine" keeps the edits, keeps the disk version aside, and the next save writes over the disk version', async () => {
    const { fake, text, setText } = await open()
    setText(text().replace('name: b}', 'name: mine}'))
    fake.emit('file', { path: 'shop/b.yml', text: 'disk: 1\n', version: 'vb2' })
    useServeSession.getState().resolve('shop/b.yml', 'mine')
    expect(text()).toContain('name: mine}')
    expect(useServeSession.getState().keptAside[0]).toMatchObject({ which: 'disk', text: 'disk: 1\n' })
    await useServeSession.getState().save()
    expect(fake.saves.at(-1)).toEqual({ files: [{ path: 'shop/b.yml', text: B.replace('name: b}', 'name: mine}'), base: 'vb2' }] })
  })

  it('a save the server answers with a conflict asks, and writes nothing', async () => {
    const { fake, text, setText } = await open()
    setText(text().replace('name: b}', 'name: mine}'))
    fake.conflictNext = { path: 'shop/b.yml', text: 'other: 1\n', version: 'vb9' }
    const r = await useServeSession.getState().save()
    expect(r.ok).toBe(false)
    expect(useServeSession.getState().conflicts.map((c) => c.disk)).toEqual(['other: 1\n'])
  })
})

describe('captures and inventory from the server', () => {
  it('--flows files load as one capture, live flows then append to it; --inventory is imported', async () => {
    const lines = readFileSync('public/samples/demo-flows.jsonl', 'utf8').trim().split('\n')
    const fake = fakeServer(undefined, { flowFiles: [lines.slice(0, 10).join('\n'), lines.slice(10, 25).join('\n')], inventory: JSON.stringify({ kind: 'List', items: [{ kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'checkout' } } }] }) })
    const { stores } = await open(fake)
    expect(stores.evaluation.getState().flows?.flows).toBe(25)
    expect(stores.flows.getState().files).toEqual(['capture-0.jsonl', 'capture-1.jsonl'])
    // --inventory is imported into the evaluator, its namespace labels drawn on the graph.
    expect(stores.inventory.getState().loaded).toMatchObject({ name: 'pods.json', namespaces: 1 })
    expect(stores.workspace.getState().namespaceLabels.shop).toEqual({ team: 'checkout' })
    fake.emit('flows', { flows: FLOWS.slice(40, 45), dropped: 0, total: 5, skipped: 0 })
    await handle!.settled()
    expect(stores.evaluation.getState().flows?.flows).toBe(30)
  })
})

describe('live flows in the served page', () => {
  it('batches reach the worker and the verdict counts, in a bounded window', async () => {
    const { fake, stores } = await open()
    useServeSession.getState().setWindow({ maxFlows: 40, maxMinutes: 0 })
    fake.emit('flows', { flows: FLOWS.slice(0, 30), dropped: 0, total: 30, skipped: 0 })
    await handle!.settled()
    expect(stores.evaluation.getState().flows?.flows).toBe(30)
    fake.emit('flows', { flows: FLOWS.slice(30, 80), dropped: 5, total: 80, skipped: 0 })
    await handle!.settled()
    const live = useServeSession.getState().live
    expect(stores.evaluation.getState().flows?.flows).toBe(40)
    expect(live).toMatchObject({ received: 80, shown: 40 })
    // The server's 5, and the 10 the page let go before they reached the worker (over the window).
    expect(live.dropped).toBe(15)
    const s = stores.evaluation.getState().flows!.summary
    expect(s.allowed + s.denied + s.audit).toBe(40)
  })

  it('paused, nothing reaches the worker; resumed, the newest window does', async () => {
    const { fake, stores } = await open()
    useServeSession.getState().setWindow({ maxFlows: 20, maxMinutes: 0 })
    useServeSession.getState().setPaused(true)
    fake.emit('flows', { flows: FLOWS.slice(0, 50), dropped: 0, total: 50, skipped: 0 })
    await handle!.settled()
    expect(stores.evaluation.getState().flows).toBeNull()
    expect(useServeSession.getState().live).toMatchObject({ paused: true, waiting: 20, dropped: 30 })
    useServeSession.getState().setPaused(false)
    await handle!.settled()
    expect(stores.evaluation.getState().flows?.flows).toBe(20)
  })
})
