/**
 * `window.membrane`: a small public scripting API (DESIGN.md "Stable handles"), documented in
 * the README. Later features (flows, verdicts) add their functions here.
 */
import type { AppStores } from '../store/app-stores.ts'
import { rangeOfSelection } from '../features/yaml/selection-ranges.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'

export interface PublicGraph {
  nodes: { id: string; kind: string; label: string }[]
  edges: {
    id: string
    source: string
    target: string
    kind: 'allow' | 'deny' | 'flow'
    label: string
    /** Rule edges: the evaluator's verdict for the traffic the rule admits; flow edges: the draft's verdict. */
    verdict?: string
    /** Rule edges that are not allowed: why, in a few words. */
    reason?: string
    /** Flow edges: the cluster's recorded verdict most records carry (FORWARDED, DROPPED …). */
    recorded?: string
    /** Flow edges: distinct connections observed. */
    count?: number
    /** Flow edges: records the draft would break (recorded forwarded, draft denies) / open. */
    breaks?: number
    opens?: number
  }[]
  /** False while the rule edges' verdicts are still being computed for the current draft. */
  verdictsCurrent: boolean
}

export interface MembraneApi {
  getText(): string
  setText(yaml: string): void
  getGraph(): PublicGraph
  /** The selected node or edge and the YAML text it came from, or null. */
  getSelection(): { kind: 'node' | 'edge'; id: string; yaml: string } | null
  /** Loads Hubble flow JSON; resolves once every flow has the draft's verdict. */
  loadFlows(text: string): Promise<FlowsLoaded>
  /** Resolves once the flows table and the graph's flow edges answer for the current draft. */
  flowsSettled(): Promise<void>
  /** The draft's verdict for every loaded flow (current after edits). */
  getVerdicts(): Promise<{ summary: VerdictSummary; flows: readonly FlowVerdict[] }>
}

/** Builds the API over `stores` and puts it on `window.membrane`. */
export function installMembraneApi(stores: AppStores): MembraneApi {
  const { workspace, evaluation, flows } = stores
  const api: MembraneApi = {
    getText: () => workspace.getState().text,
    setText: (yaml) => {
      if (typeof yaml !== 'string') throw new TypeError('membrane.setText expects a string')
      workspace.getState().commitText({ text: yaml, origin: 'script' })
    },
    getGraph: () => {
      workspace.getState().flushParse()
      const { graph } = workspace.getState().model
      const { overlay } = flows.getState()
      const verdicts = evaluation.getState().edgeVerdicts
      return {
        nodes: [...graph.nodes, ...overlay.nodes].map((n) => ({ id: n.id, kind: n.kind, label: n.label })),
        edges: [
          ...graph.edges.map((e) => {
          const v = verdicts?.byId[e.id]
          return {
            id: e.id,
            source: e.source,
            target: e.target,
            kind: e.kind,
            label: e.l7 ? `${e.label} ${e.l7}` : e.label,
            ...(v && { verdict: v.verdict }),
            ...(v?.reason !== undefined && { reason: v.reason }),
          }
          }),
          ...overlay.edges.map((e) => ({
            id: e.id,
            source: e.source,
            target: e.target,
            kind: e.kind,
            label: e.ports,
            verdict: e.verdict,
            recorded: e.recorded,
            count: e.count,
            breaks: e.breaks,
            opens: e.opens,
          })),
        ],
        verdictsCurrent: verdicts?.current === true,
      }
    },
    loadFlows: (text) => {
      if (typeof text !== 'string') return Promise.reject(new TypeError('membrane.loadFlows expects a string'))
      return flows
        .getState()
        .loadText(text)
        .then(() => flows.getState().refresh())
        .then(() => evaluation.getState().flows!)
    },
    getVerdicts: () => evaluation.getState().verdicts(),
    flowsSettled: () => flows.getState().refresh().then(() => undefined),
    getSelection: () => {
      const { selection, model, text } = workspace.getState()
      if (!selection) return null
      const range = rangeOfSelection(model.graph, selection)
      return { kind: selection.kind, id: selection.id, yaml: range ? text.slice(range.start, range.end) : '' }
    },
  }
  ;(window as unknown as { membrane: MembraneApi }).membrane = api
  return api
}
