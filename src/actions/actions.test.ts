import { afterEach, describe, expect, it } from 'vitest'
import { buildGraph } from '../domain/graph/index.ts'
import type { GraphModel } from '../domain/graph/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { mergeDrafts } from '../store/drafts.ts'
import type { DraftNode } from '../store/drafts.ts'
import { registerEditor } from '../store/editor-port.ts'
import type { EditorPort } from '../store/editor-port.ts'
import { ACTIONS, EDGE_MENU, NODE_MENU, action, actionForKey, labelOf, shortcutGroups, shortcutText, targetOfSelection } from './index.ts'
import type { ActionContext, KeyPress } from './index.ts'

const YAML = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`
const DRAFT: DraftNode = { id: 'entity/world', kind: 'entity', label: 'world' }
const graph: GraphModel = mergeDrafts(buildGraph(parsePolicies(YAML)), [DRAFT])
const edge = graph.edges[0]

const noEditor = (): void => undefined
const fakeEditor: EditorPort = {
  revealRange: noEditor, select: noEditor, setCursor: noEditor, applyEdits: noEditor, undo: noEditor, redo: noEditor, focus: noEditor,
}
let unregister: (() => void) | null = null
afterEach(() => {
  unregister?.()
  unregister = null
})

function ctxFor(selection: { kind: 'node' | 'edge'; id: string } | null, withGraph = true): ActionContext {
  return {
    target: targetOfSelection(selection && { ...selection, from: 'graph' }, graph, [DRAFT]),
    confirm: noEditor,
    ...(withGraph ? { graph: { fit: noEditor, search: noEditor } } : {}),
  }
}

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }
}

describe('keys run the action declared for them', () => {
  const cases: { name: string; key: KeyPress; selection?: { kind: 'node' | 'edge'; id: string }; scope?: 'graph' | 'app'; want: string | null }[] = [
    { name: 'Ctrl+Z undoes', key: press('z', { ctrlKey: true }), want: 'undo' },
    { name: '⌘Z undoes', key: press('z', { metaKey: true }), want: 'undo' },
    { name: 'Ctrl+Shift+Z redoes', key: press('Z', { ctrlKey: true, shiftKey: true }), want: 'redo' },
    { name: 'Ctrl+Y redoes', key: press('y', { ctrlKey: true }), want: 'redo' },
    { name: 'Delete on a selected rule deletes it', key: press('Delete'), selection: { kind: 'edge', id: edge.id }, want: 'delete' },
    { name: 'Backspace on a selected rule deletes it', key: press('Backspace'), selection: { kind: 'edge', id: edge.id }, want: 'delete' },
    { name: 'Delete on a selected palette node removes it', key: press('Delete'), selection: { kind: 'node', id: DRAFT.id }, want: 'remove-draft' },
    { name: 'Delete on a node from the YAML does nothing', key: press('Delete'), selection: { kind: 'node', id: 'wl/shop/app=backend' }, want: null },
    { name: 'Delete with nothing selected does nothing', key: press('Delete'), want: null },
    { name: 'Escape clears the selection', key: press('Escape'), want: 'clear-selection' },
    { name: 'F fits the view', key: press('f'), want: 'fit-view' },
    { name: 'Shift+F fits the view too', key: press('F', { shiftKey: true }), want: 'fit-view' },
    { name: 'Ctrl+F is the browser’s', key: press('f', { ctrlKey: true }), want: null },
    { name: 'Alt+F is the browser’s', key: press('f', { altKey: true }), want: null },
    { name: '/ searches nodes', key: press('/'), want: 'search-nodes' },
    { name: 'Tab goes to the editor', key: press('Tab'), want: 'focus-editor' },
    { name: 'Shift+Tab moves focus backwards as usual', key: press('Tab', { shiftKey: true }), want: null },
    { name: '? is not a cluster-map key', key: press('?', { shiftKey: true }), want: null },
    { name: '? opens the keyboard help anywhere', key: press('?', { shiftKey: true }), scope: 'app', want: 'keyboard-help' },
    { name: 'F is not an app-wide key', key: press('f'), scope: 'app', want: null },
  ]
  it.each(cases)('$name', ({ key, selection, scope, want }) => {
    unregister = registerEditor(fakeEditor)
    expect(actionForKey(ACTIONS, key, ctxFor(selection ?? null), scope ?? 'graph')?.id ?? null).toBe(want)
  })

  it('leaves Ctrl+Z and Tab to the browser while no editor is mounted', () => {
    expect(actionForKey(ACTIONS, press('z', { ctrlKey: true }), ctxFor(null), 'graph')).toBeNull()
    expect(actionForKey(ACTIONS, press('Tab'), ctxFor(null), 'graph')).toBeNull()
  })

  it('F and / need the cluster map', () => {
    expect(actionForKey(ACTIONS, press('f'), ctxFor(null, false), 'graph')).toBeNull()
    expect(actionForKey(ACTIONS, press('/'), ctxFor(null, false), 'graph')).toBeNull()
  })
})

describe('the registry', () => {
  it('declares every id once', () => {
    const ids = ACTIONS.map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('resolves every context-menu entry', () => {
    expect([...NODE_MENU, ...EDGE_MENU].map((id) => action(id).id)).toEqual([...NODE_MENU, ...EDGE_MENU])
    expect(() => action('no-such-action')).toThrow(/unknown action/)
  })

  it('offers a rule’s edge the edge menu, and a workload the policy actions naming its namespace', () => {
    const edgeCtx = ctxFor({ kind: 'edge', id: edge.id })
    expect(EDGE_MENU.map(action).filter((a) => a.enabled(edgeCtx)).map((a) => labelOf(a, edgeCtx.target))).toEqual(['Show in YAML', 'Delete rule'])
    const wl = ctxFor({ kind: 'node', id: 'wl/shop/app=backend' })
    const labels = NODE_MENU.map(action).filter((a) => a.enabled(wl)).map((a) => labelOf(a, wl.target))
    expect(labels[0]).toBe('Isolate namespace shop')
    expect(labels).not.toContain('Remove from the picture')
    const entity = ctxFor({ kind: 'node', id: DRAFT.id })
    expect(NODE_MENU.map(action).filter((a) => a.enabled(entity)).map((a) => a.id)).toEqual(['remove-draft'])
  })

  it('gives no key to two actions that apply to the same target', () => {
    unregister = registerEditor(fakeEditor)
    for (const selection of [null, { kind: 'edge' as const, id: edge.id }, { kind: 'node' as const, id: DRAFT.id }]) {
      const ctx = ctxFor(selection)
      const taken = new Map<string, string>()
      for (const a of ACTIONS.filter((x) => x.enabled(ctx))) {
        for (const s of a.shortcuts ?? []) {
          const key = `${a.scope ?? 'graph'} ${shortcutText(s)}`
          expect(taken.get(key), `${key} for ${a.id}`).toBeUndefined()
          taken.set(key, a.id)
        }
      }
    }
  })
})

describe('the keyboard help', () => {
  it('lists every action that has a key, under its group, with its keys', () => {
    const rows = shortcutGroups().map(({ group, actions }) => `${group}: ${actions.map((a) => `${labelOf(a, null)} [${a.shortcuts?.map(shortcutText).join(' | ')}]`).join(', ')}`)
    expect(rows).toEqual([
      'edit: Undo [Ctrl+Z], Redo [Ctrl+Shift+Z | Ctrl+Y], Delete rule [Delete | Backspace], Remove from the picture [Delete | Backspace]',
      'graph: Clear the selection [Esc], Fit the view [F], Search nodes [/], Go to the editor [Tab]',
      'workspace: Open files… [Ctrl+O], Download [Ctrl+S]',
      'help: Keyboard shortcuts [?]',
    ])
  })
})
