/**
 * `window.membrane`: a small public scripting API (DESIGN.md "Stable handles"), documented in
 * the README. Later features (flows, verdicts) add their functions here.
 */
import { useWorkspace } from '../store/workspace-store.ts'
import { rangeOfSelection } from '../features/yaml/selection-ranges.ts'
import { useEvaluation } from '../store/evaluation-store.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'

export interface PublicGraph {
  nodes: { id: string; kind: string; label: string }[]
  edges: { id: string; source: string; target: string; kind: 'allow' | 'deny' | 'flow'; label: string; verdict?: string }[]
}

export interface MembraneApi {
  getText(): string
  setText(yaml: string): void
  getGraph(): PublicGraph
  /** The selected node or edge and the YAML text it came from, or null. */
  getSelection(): { kind: 'node' | 'edge'; id: string; yaml: string } | null
  /** Loads Hubble flow JSON; resolves once every flow has the draft's verdict. */
  loadFlows(text: string): Promise<FlowsLoaded>
  /** The draft's verdict for every loaded flow (current after edits). */
  getVerdicts(): Promise<{ summary: VerdictSummary; flows: readonly FlowVerdict[] }>
}

export function installMembraneApi(): MembraneApi {
  const api: MembraneApi = {
    getText: () => useWorkspace.getState().text,
    setText: (yaml) => {
      if (typeof yaml !== 'string') throw new TypeError('membrane.setText expects a string')
      useWorkspace.getState().replaceText(yaml)
    },
    getGraph: () => {
      useWorkspace.getState().flushParse()
      const { graph } = useWorkspace.getState().model
      return {
        nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label })),
        edges: graph.edges.map((e) => ({
          id: e.id,
          source: e.source,
          target: e.target,
          kind: e.kind,
          label: e.l7 ? `${e.label} ${e.l7}` : e.label,
        })),
      }
    },
    loadFlows: (text) => {
      if (typeof text !== 'string') return Promise.reject(new TypeError('membrane.loadFlows expects a string'))
      return useEvaluation.getState().loadFlows(text)
    },
    getVerdicts: () => useEvaluation.getState().verdicts(),
    getSelection: () => {
      const { selection, model, text } = useWorkspace.getState()
      if (!selection) return null
      const range = rangeOfSelection(model.graph, selection)
      return { kind: selection.kind, id: selection.id, yaml: range ? text.slice(range.start, range.end) : '' }
    },
  }
  ;(window as unknown as { membrane: MembraneApi }).membrane = api
  return api
}
