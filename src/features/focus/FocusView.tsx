/**
 * Policy focus (DESIGN.md "Graph visual language"): one policy, its subject in the middle,
 * ingress peers on the left and egress peers on the right, each side boxed as same namespace /
 * cluster / outside cluster, like the Isovalent editor's single-policy diagram.
 */
import { useCallback, useMemo } from 'react'
import { buildFocus } from '../../domain/graph/index.ts'
import type { FocusGroupId, FocusModel, FocusSide, GraphNode } from '../../domain/graph/index.ts'
import { action } from '../../actions/index.ts'
import type { ActionContext } from '../../actions/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { FocusGroup } from './FocusGroup.tsx'
import { PolicyPicker } from './PolicyPicker.tsx'
import { SubjectCard } from './SubjectCard.tsx'
import { useFocusedPolicy } from './useFocusedPolicy.ts'
import './focus.css'

export interface FocusViewProps {
  onAddPeer: (side: FocusSide, group: FocusGroupId, policyKey: string, subjectId: string) => void
}

const KIND_TEXT = {
  CiliumNetworkPolicy: 'CiliumNetworkPolicy',
  CiliumClusterwideNetworkPolicy: 'CiliumClusterwideNetworkPolicy (cluster-wide)',
  NetworkPolicy: 'Kubernetes NetworkPolicy',
} as const

export function FocusView({ onAddPeer }: FocusViewProps): React.JSX.Element {
  // `good` rather than `parse`: the graph is built from the last parse without syntax errors,
  // and the focus must read policies and edges from the same model.
  const parse = useWorkspace((s) => s.model.good)
  const graph = useWorkspace((s) => s.model.graph)
  const stale = useWorkspace((s) => s.model.stale)
  const selection = useWorkspace((s) => s.selection)
  const select = useWorkspace((s) => s.select)
  const [policyKey, choosePolicy] = useFocusedPolicy(parse, graph, selection)
  const focus = useMemo(() => (policyKey === null ? null : buildFocus(parse, graph, policyKey)), [parse, graph, policyKey])

  const selectedEdge = selection?.kind === 'edge' ? selection.id : null
  const active = activeSubject(focus, selection)
  const subjectLabels = useMemo(
    () => (focus && focus.subjects.length > 1 ? new Map(focus.subjects.map((s) => [s.id, s.label])) : null),
    [focus],
  )
  const onSelectEdge = useCallback((id: string) => select({ kind: 'edge', id, from: 'graph' }), [select])
  const onSelectNode = useCallback((id: string) => select({ kind: 'node', id, from: 'graph' }), [select])
  const onAdd = useCallback(
    (side: FocusSide, group: FocusGroupId) => {
      if (policyKey !== null && active !== null) onAddPeer(side, group, policyKey, active)
    },
    [onAddPeer, policyKey, active],
  )

  const side = (dir: FocusSide): React.JSX.Element => (
    <div className={`focus-side focus-side--${dir}`} data-testid={`focus-${dir}`}>
      <h3 className="focus-side__title">{dir === 'ingress' ? 'Ingress (traffic in)' : 'Egress (traffic out)'}</h3>
      {focus?.[dir].map((group) => (
        <FocusGroup
          key={group.id}
          group={group}
          side={dir}
          selectedEdge={selectedEdge}
          subjectLabels={subjectLabels}
          canAdd={active !== null}
          onAdd={onAdd}
          onSelectEdge={onSelectEdge}
        />
      ))}
    </div>
  )

  return (
    <div className={`focus-view${stale ? ' focus-view--stale' : ''}`} data-testid="focus-view">
      <div className="focus-view__header">
        <PolicyPicker policies={parse.policies} value={policyKey} onChange={choosePolicy} />
        {focus && <span className="focus-view__kind">{KIND_TEXT[focus.policy.kind]}</span>}
        {stale && (
          <span className="focus-view__stale" role="status">
            The YAML does not parse — showing the last good version.
          </span>
        )}
      </div>
      {focus === null ? (
        <div className="focus-view__empty">No policies yet: write one in the YAML editor or load an example.</div>
      ) : (
        <div className="focus-view__body">
          {side('ingress')}
          <div className="focus-subjects" data-testid="focus-subjects">
            <h3 className="focus-side__title">{focus.subjects.length > 1 ? 'Subjects' : 'Subject'}</h3>
            {focus.subjects.map((node) => (
              <SubjectCard key={node.id} node={node} active={focus.subjects.length > 1 && node.id === active} onSelect={onSelectNode} />
            ))}
            {focus.subjects.length === 0 && <div className="focus-group__none">none</div>}
            <AllowDnsButton subject={focus.subjects.find((n) => n.id === active) ?? null} />
          </div>
          {side('egress')}
        </div>
      )}
    </div>
  )
}

/** NPE's one-click "Allow kube-dns": the registry's allow-dns action on the subject in view. */
function AllowDnsButton({ subject }: { subject: GraphNode | null }): React.JSX.Element | null {
  const allowDns = action('allow-dns')
  const ctx: ActionContext = { target: subject && { kind: 'node', node: subject, draft: false }, confirm: () => undefined }
  if (!subject || !allowDns.enabled(ctx)) return null
  return (
    <button type="button" className="focus-allow-dns" data-testid="focus-allow-dns" title={allowDns.title} onClick={() => allowDns.perform(ctx, '')}>
      + Allow kube-dns
    </button>
  )
}

/** The subject "+" adds to: the one the selection points at, else the policy's first. */
function activeSubject(focus: FocusModel | null, selection: { kind: 'node' | 'edge'; id: string } | null): string | null {
  if (!focus || focus.subjects.length === 0) return null
  const ids = new Set<string>(focus.subjects.map((s) => s.id))
  if (selection?.kind === 'node' && ids.has(selection.id)) return selection.id
  if (selection?.kind === 'edge') {
    for (const group of [...focus.ingress, ...focus.egress]) {
      for (const peer of group.peers) {
        const edge = peer.edges.find((e) => e.id === selection.id)
        if (edge) return edge.direction === 'ingress' ? edge.target : edge.source
      }
    }
  }
  return focus.subjects[0].id
}
