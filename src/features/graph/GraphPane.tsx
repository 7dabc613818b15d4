/**
 * The cluster map: React Flow over the graph model. Placement, folding into summary boxes and
 * fitting live in useGraphLayout.ts; edges follow the routes the layout computed.
 */
import { Background, ControlButton, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import type { Connection, EdgeMouseHandler, NodeMouseHandler } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useWorkspace } from '../../store/workspace-store.ts'
import type { MembraneFlowNode, RuleFlowEdge } from './flow-types.ts'
import { NamespaceNode } from './nodes/NamespaceNode.tsx'
import { MemberNode } from './nodes/MemberNode.tsx'
import { RuleEdge } from './edges/RuleEdge.tsx'
import { l7Index } from './edges/l7-lines.ts'
import { toFlowEdges } from './to-flow.ts'
import type { L7Lookup } from './to-flow.ts'
import { useGraphLayout } from './useGraphLayout.ts'
import { MAX_ZOOM, MIN_ZOOM } from './fit.ts'
import { Legend } from './Legend.tsx'
import { selectDisplayGraph } from '../../store/display-graph.ts'
import { useEditUi } from '../../store/edit-ui.ts'
import type { ActionContext, ActionTarget, GraphViewControls } from '../../actions/index.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import { NodeSearch } from './NodeSearch.tsx'
import { useGraphShortcuts } from './useGraphShortcuts.ts'
import type { GraphEdge } from '../../domain/graph/index.ts'
import { isNodeId, withHostShields } from '../../domain/graph/index.ts'
import { hostFirewallInForce } from '../../domain/engine/index.ts'
import { FlowEdge, selectEdgeFlows } from './edges/FlowEdge.tsx'
import type { ObservedFlowEdge } from './edges/FlowEdge.tsx'
import { toObservedEdges } from './flow-edges.ts'
import { useFlows } from '../../store/flows-store.ts'
import { edgeOfRow, withObservedNodes } from '../../store/flow-overlay.ts'
import { TestEdge } from './edges/TestEdge.tsx'
import type { ExpectationFlowEdge } from './edges/TestEdge.tsx'
import { useTestEdges } from './useTestEdges.ts'
import type { FlowEdge as ObservedFlow } from '../../store/flow-overlay.ts'
import { useEvaluation } from '../../store/evaluation-store.ts'
import './graph.css'

const NO_FLOWS: readonly ObservedFlow[] = []
const nodeTypes = { namespace: NamespaceNode, member: MemberNode }
const edgeTypes = { rule: RuleEdge, flow: FlowEdge, test: TestEdge }
/** The overview map only pays for its room on pictures too big to see at once. */
const MINIMAP_MIN_NODES = 40

/** What the graph hands its right-click menu: the actions' context for the target, and where. */
export interface GraphMenuProps {
  readonly ctx: ActionContext
  readonly x: number
  readonly y: number
  readonly onClose: () => void
}

/** The panes the app shell plugs in (a feature does not import another feature). */
export interface GraphPaneProps {
  /** Shown top-left beside the node search (the palette); its actions have no target. */
  readonly tools?: (ctx: ActionContext) => React.ReactNode
  /** The right-click menu for a node or edge. */
  readonly menu?: (props: GraphMenuProps) => React.ReactNode
}

type MenuAt = { readonly target: ActionTarget; readonly x: number; readonly y: number }

interface GraphProps extends GraphPaneProps {
  readonly pane: () => { width: number; height: number }
  readonly paneElement: () => HTMLElement | null
}

function Graph({ tools, menu: renderMenu, pane, paneElement }: GraphProps): React.JSX.Element {
  const policyGraph = useWorkspace(selectDisplayGraph)
  // Observed traffic adds its endpoints as nodes and its flows as dashed edges (flows store).
  const overlay = useFlows((s) => s.overlay)
  const show = useFlows((s) => s.show)
  const selectedFlowEdge = useFlows((s) => (s.selected === null || s.detail?.row.index !== s.selected ? null : edgeOfRow(s.detail.row, s.overlay)))
  const policies = useWorkspace((s) => s.model.good.policies)
  // Shields show what is enforced: with the host firewall off no host policy is (§2.1).
  const hostFirewall = useWorkspace((s) => hostFirewallInForce(s.settings.hostFirewallChoice, s.settings.hostFirewall, s.model.good.policies))
  const graph = useMemo(() => withObservedNodes(withHostShields(policyGraph, hostFirewall), overlay), [policyGraph, hostFirewall, overlay])
  const l7: L7Lookup = useMemo(() => {
    const index = l7Index(policies)
    return (e: GraphEdge) => index(e.elementId)
  }, [policies])
  const [menu, setMenu] = useState<MenuAt | null>(null)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const stale = useWorkspace((s) => s.model.stale)
  const selection = useWorkspace((s) => s.selection)
  const select = useWorkspace((s) => s.select)
  const drawnFlows = show === 'rules' ? NO_FLOWS : overlay.edges
  const { view, routes, nodes, onNodesChange, onNodeDragStop, folded, toggleFold, fit, onPaneResize } = useGraphLayout(graph, l7, stale, pane, drawnFlows)
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => onPaneResize(pane()))
    const el = paneElement()
    if (el) observer.observe(el)
    onPaneResize(pane())
    return () => observer.disconnect()
  }, [onPaneResize, pane, paneElement])

  // A node chosen while folded into a summary box (search, the YAML cursor): open its namespace.
  useEffect(() => {
    if (selection?.kind !== 'node') return
    const parent = graph.nodes.find((n) => n.id === selection.id)?.parent
    if (parent !== undefined && folded.has(parent)) toggleFold(parent)
  }, [selection, graph, folded, toggleFold])

  const verdicts = useEvaluation((s) => s.edgeVerdicts?.byId)
  const ruleEdges = useMemo(
    () => (show === 'flows' ? [] : toFlowEdges(view.graph, routes, l7, view.bundles, verdicts)),
    [view, routes, l7, show, verdicts],
  )
  // Flow edges run between the nodes on screen: an endpoint folded into a summary box is that box.
  const flowEdges = useMemo(() => (show === 'rules' ? [] : toObservedEdges(overlay, graph, folded, routes)), [overlay, graph, folded, show, routes])
  // Connectivity expectations as test edges (✓/✗), drawn over rules and flows.
  const testEdges = useTestEdges(graph, folded)
  const edges = useMemo(() => [...ruleEdges, ...flowEdges, ...testEdges], [ruleEdges, flowEdges, testEdges])
  const selectedNodes = useMemo(
    () =>
      nodes.map((n) => {
        const want = selection?.kind === 'node' && selection.id === n.id
        return n.selected === want ? n : { ...n, selected: want }
      }),
    [nodes, selection],
  )
  const selectedEdges = useMemo(() => {
    // A rule folded into a counted edge selects that edge.
    const holder =
      selection?.kind === 'edge'
        ? edges.find((e) => e.id === selection.id || (e.type === 'rule' && e.data?.bundle?.edges.some((b) => b.id === selection.id)))
        : undefined
    if (!holder && selectedFlowEdge === null) return edges
    return edges.map((e) => (e === holder || e.id === selectedFlowEdge ? { ...e, selected: true } : e))
  }, [edges, selection, selectedFlowEdge])

  const onNodeClick: NodeMouseHandler<MembraneFlowNode> = useCallback(
    (_e, node) => select({ kind: 'node', id: node.id, from: 'graph' }),
    [select],
  )
  const onNodeDoubleClick: NodeMouseHandler<MembraneFlowNode> = useCallback(
    (_e, node) => {
      if (node.type === 'namespace') toggleFold(node.id)
    },
    [toggleFold],
  )
  const onEdgeClick: EdgeMouseHandler<RuleFlowEdge | ObservedFlowEdge | ExpectationFlowEdge> = useCallback(
    (_e, edge) => {
      if (edge.type === 'flow') selectEdgeFlows(edge.id)
      else select({ kind: 'edge', id: (edge as RuleFlowEdge).data?.bundle?.edges[0]?.id ?? edge.id, from: 'graph' })
    },
    [select],
  )
  const onConnect = useCallback((c: Connection) => {
    if (c.source !== c.target && isNodeId(c.source) && isNodeId(c.target)) useEditUi.getState().openConnect({ from: c.source, to: c.target })
  }, [])
  const onNodeContextMenu: NodeMouseHandler<MembraneFlowNode> = useCallback((e, node) => {
    e.preventDefault()
    setMenu({ target: { kind: 'node', node: node.data.node, draft: node.data.node.origins.length === 0 }, x: e.clientX, y: e.clientY })
  }, [])
  const onEdgeContextMenu: EdgeMouseHandler<RuleFlowEdge | ObservedFlowEdge | ExpectationFlowEdge> = useCallback(
    (e, edge) => {
      e.preventDefault()
      // A counted edge offers its first rule's actions (as a click selects it).
      const id = edge.type === 'rule' ? ((edge as RuleFlowEdge).data?.bundle?.edges[0]?.id ?? edge.id) : edge.id
      const ge = graph.edges.find((g) => g.id === id)
      if (ge) setMenu({ target: { kind: 'edge', edge: ge }, x: e.clientX, y: e.clientY })
    },
    [graph],
  )
  const controls: GraphViewControls = useMemo(
    () => ({
      fit,
      search: () => searchRef.current?.focus(),
    }),
    [fit],
  )
  useGraphShortcuts(graph, controls, setConfirm)
  const closeMenu = useCallback(() => setMenu(null), [])

  return (
    <ReactFlow
      nodes={selectedNodes}
      edges={selectedEdges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeClick={onNodeClick}
      onNodeDoubleClick={onNodeDoubleClick}
      onEdgeClick={onEdgeClick}
      onPaneClick={() => {
        select(null)
        setMenu(null)
      }}
      onConnect={onConnect}
      onNodeContextMenu={onNodeContextMenu}
      onEdgeContextMenu={onEdgeContextMenu}
      deleteKeyCode={null}
      // Layers are set by hand (groups 0, edges 1, edge labels 2, members 3): labels never cover
      // a node or its handles, and edges never cover a handle.
      zIndexMode="manual"
      onlyRenderVisibleElements
      nodesConnectable
      elementsSelectable
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      zoomOnDoubleClick={false}
      proOptions={{ hideAttribution: true }}
      className={stale ? 'graph--stale' : ''}
    >
      <Background gap={24} />
      {nodes.length >= MINIMAP_MIN_NODES && (
        <MiniMap pannable zoomable nodeStrokeWidth={2} nodeColor={(n) => (n.type === 'namespace' ? '#e7ecf3' : '#7f8fa6')} />
      )}
      <Controls showInteractive={false} showFitView={false} orientation="horizontal">
        <ControlButton onClick={fit} title="Fit the whole picture (F)" aria-label="Fit view" className="react-flow__controls-fitview">
          <svg viewBox="0 0 16 16" aria-hidden focusable={false}>
            <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </ControlButton>
      </Controls>
      <Legend />
      <Panel position="top-left" className="graph-tools">
        {tools?.({ target: null, confirm: setConfirm, graph: controls })}
        <NodeSearch ref={searchRef} graph={graph} />
      </Panel>
      {menu && renderMenu?.({ ctx: { target: menu.target, confirm: setConfirm, graph: controls }, x: menu.x, y: menu.y, onClose: closeMenu })}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </ReactFlow>
  )
}

export function GraphPane(props: GraphPaneProps): React.JSX.Element {
  const stale = useWorkspace((s) => s.model.stale)
  const ref = useRef<HTMLDivElement>(null)
  const pane = useCallback(() => {
    const r = ref.current?.getBoundingClientRect()
    return r && r.width > 0 ? { width: r.width, height: r.height } : { width: 900, height: 760 }
  }, [])
  const paneElement = useCallback(() => ref.current, [])
  return (
    <div className="graph-pane" data-testid="graph" ref={ref}>
      {stale && (
        <div className="graph-pane__stale" role="status">
          The YAML does not parse — showing the last good version. Fix the error marked in the editor.
        </div>
      )}
      <ReactFlowProvider>
        <Graph {...props} pane={pane} paneElement={paneElement} />
      </ReactFlowProvider>
    </div>
  )
}
