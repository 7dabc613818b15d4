/**
 * The cluster map: React Flow over the graph model, laid out off the main thread and kept still
 * while the user edits (see layout/stable-layout.ts).
 */
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  useStore,
} from '@xyflow/react'
import type { Connection, EdgeMouseHandler, NodeMouseHandler } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useWorkspace } from '../../store/workspace-store.ts'
import type { MembraneFlowNode } from './flow-types.ts'
import { NamespaceNode } from './nodes/NamespaceNode.tsx'
import { MemberNode } from './nodes/MemberNode.tsx'
import { RuleEdge } from './edges/RuleEdge.tsx'
import { layoutInput, toFlowEdges, toFlowNodes } from './to-flow.ts'
import { gridLayout } from './layout/grid-layout.ts'
import { requestLayout } from './layout/layout-client.ts'
import type { Layout, LayoutInput } from './layout/layout-types.ts'
import { reuseLayout } from './layout/stable-layout.ts'
import { Legend } from './Legend.tsx'
import { AGGREGATE_MAX_ZOOM, AGGREGATE_MIN_NODES, aggregateEdges, hideMembers } from './aggregate.ts'
import { selectDisplayGraph } from '../../store/display-graph.ts'
import { useEditUi } from '../../store/edit-ui.ts'
import type { ActionContext, ActionTarget, GraphViewControls } from '../../actions/index.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import { NodeSearch } from './NodeSearch.tsx'
import { useGraphShortcuts } from './useGraphShortcuts.ts'
import { isNodeId } from '../../domain/graph/index.ts'
import { FlowEdge, selectEdgeFlows } from './edges/FlowEdge.tsx'
import { toObservedEdges } from './flow-edges.ts'
import { useFlows } from '../../store/flows-store.ts'
import { withObservedNodes } from '../../store/flow-overlay.ts'

const nodeTypes = { namespace: NamespaceNode, member: MemberNode }
const edgeTypes = { rule: RuleEdge, flow: FlowEdge }

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

function Graph({ tools, menu: renderMenu }: GraphPaneProps): React.JSX.Element {
  const policyGraph = useWorkspace(selectDisplayGraph)
  // Observed traffic adds its endpoints as nodes and its flows as dashed edges (flows store).
  const overlay = useFlows((s) => s.overlay)
  const show = useFlows((s) => s.show)
  const selectedFlowEdge = useFlows((s) => (s.selected === null ? null : (s.overlay.rowEdge.get(s.selected) ?? null)))
  const graph = useMemo(() => withObservedNodes(policyGraph, overlay), [policyGraph, overlay])
  const [menu, setMenu] = useState<MenuAt | null>(null)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const stale = useWorkspace((s) => s.model.stale)
  const selection = useWorkspace((s) => s.selection)
  const select = useWorkspace((s) => s.select)
  const [nodes, setNodes, onNodesChange] = useNodesState<MembraneFlowNode>([])
  const last = useRef<{ input: LayoutInput; layout: Layout } | null>(null)
  const flow = useReactFlow()
  const fitPending = useRef(true)

  useEffect(() => {
    const input = layoutInput(graph)
    const reuse = reuseLayout(last.current, input)
    const show = (layout: Layout): void => setNodes(toFlowNodes(graph, layout, stale))
    if (reuse.kind === 'reuse') {
      last.current = { input, layout: reuse.layout }
      show(reuse.layout)
      return
    }
    // Paint at once with the grid, then move to ELK's picture when it arrives. Only a finished
    // layout is remembered for reuse, so the placeholder never sticks.
    show(gridLayout(input))
    fitPending.current = true
    let cancelled = false
    void requestLayout(input).then((layout) => {
      if (cancelled || !layout) return
      last.current = { input, layout }
      fitPending.current = true
      show(layout)
    })
    return () => {
      cancelled = true
    }
  }, [graph, stale, setNodes])

  // Fit once the new positions are committed (fitting in the same tick would fit the old ones).
  useEffect(() => {
    if (!fitPending.current || nodes.length === 0) return
    const frame = requestAnimationFrame(() => {
      fitPending.current = false
      void flow.fitView({ padding: 0.08, maxZoom: 1.2 })
    })
    return () => cancelAnimationFrame(frame)
  }, [nodes, flow])

  const zoomedOut = useStore((s) => s.transform[2] < AGGREGATE_MAX_ZOOM)
  const aggregate = zoomedOut && graph.nodes.length >= AGGREGATE_MIN_NODES
  const ruleEdges = useMemo(() => (show === 'flows' ? [] : aggregate ? aggregateEdges(graph) : toFlowEdges(graph)), [graph, aggregate, show])
  const flowEdges = useMemo(() => (show === 'rules' ? [] : toObservedEdges(overlay, graph, aggregate)), [overlay, graph, aggregate, show])
  const edges = useMemo(() => [...ruleEdges, ...flowEdges], [ruleEdges, flowEdges])
  const shownNodes = useMemo(() => (aggregate ? hideMembers(nodes) : nodes), [nodes, aggregate])
  const selectedNodes = useMemo(
    () =>
      shownNodes.map((n) => {
        const want = selection?.kind === 'node' && selection.id === n.id
        return n.selected === want ? n : { ...n, selected: want }
      }),
    [shownNodes, selection],
  )
  const selectedEdges = useMemo(
    () => edges.map((e) => ((selection?.kind === 'edge' && selection.id === e.id) || e.id === selectedFlowEdge ? { ...e, selected: true } : e)),
    [edges, selection, selectedFlowEdge],
  )

  const onNodeClick: NodeMouseHandler<MembraneFlowNode> = useCallback(
    (_e, node) => select({ kind: 'node', id: node.id, from: 'graph' }),
    [select],
  )
  const onEdgeClick: EdgeMouseHandler = useCallback(
    (_e, edge) => (edge.type === 'flow' ? selectEdgeFlows(edge.id) : select({ kind: 'edge', id: edge.id, from: 'graph' })),
    [select],
  )
  const onConnect = useCallback((c: Connection) => {
    if (c.source !== c.target && isNodeId(c.source) && isNodeId(c.target)) useEditUi.getState().openConnect({ from: c.source, to: c.target })
  }, [])
  const onNodeContextMenu: NodeMouseHandler<MembraneFlowNode> = useCallback((e, node) => {
    e.preventDefault()
    setMenu({ target: { kind: 'node', node: node.data.node, draft: node.data.node.origins.length === 0 }, x: e.clientX, y: e.clientY })
  }, [])
  const onEdgeContextMenu: EdgeMouseHandler = useCallback(
    (e, edge) => {
      e.preventDefault()
      const ge = graph.edges.find((g) => g.id === edge.id)
      if (ge) setMenu({ target: { kind: 'edge', edge: ge }, x: e.clientX, y: e.clientY })
    },
    [graph],
  )
  const view: GraphViewControls = useMemo(
    () => ({
      fit: () => void flow.fitView({ padding: 0.08, duration: 200 }),
      search: () => searchRef.current?.focus(),
    }),
    [flow],
  )
  useGraphShortcuts(graph, view, setConfirm)
  const closeMenu = useCallback(() => setMenu(null), [])

  return (
    <ReactFlow
      nodes={selectedNodes}
      edges={selectedEdges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
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
      minZoom={0.05}
      maxZoom={2.5}
      proOptions={{ hideAttribution: true }}
      className={stale ? 'graph--stale' : ''}
    >
      <Background gap={24} />
      <MiniMap pannable zoomable nodeStrokeWidth={2} nodeColor={(n) => (n.type === 'namespace' ? '#e7ecf3' : '#7f8fa6')} />
      <Controls showInteractive={false} />
      <Legend />
      <Panel position="top-left" className="graph-tools">
        {tools?.({ target: null, confirm: setConfirm, graph: view })}
        <NodeSearch ref={searchRef} graph={graph} />
      </Panel>
      {menu && renderMenu?.({ ctx: { target: menu.target, confirm: setConfirm, graph: view }, x: menu.x, y: menu.y, onClose: closeMenu })}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </ReactFlow>
  )
}

export function GraphPane(props: GraphPaneProps): React.JSX.Element {
  const stale = useWorkspace((s) => s.model.stale)
  return (
    <div className="graph-pane" data-testid="graph">
      {stale && (
        <div className="graph-pane__stale" role="status">
          The YAML does not parse — showing the last good version. Fix the error marked in the editor.
        </div>
      )}
      <ReactFlowProvider>
        <Graph {...props} />
      </ReactFlowProvider>
    </div>
  )
}
