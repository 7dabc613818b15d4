/** A selected node: what it is, and the labels each policy selects it by (editable). */
import type { GraphModel, GraphNode } from '../../domain/graph/index.ts'
import { describeNode, formatLabels } from '../../domain/graph/index.ts'
import { subjectLabelTargets, subjectLabelsGesture } from '../../domain/edits/index.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { CommitInput } from './CommitInput.tsx'
import { QuickActions } from './QuickActions.tsx'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'

export function NodeFields({ node, graph, draft = false, onConfirm }: { node: GraphNode; graph: GraphModel; draft?: boolean; onConfirm: (r: ConfirmRequest) => void }): React.JSX.Element {
  const policies = subjectLabelTargets(graph, node)
  const notify = useWorkspace((s) => s.notify)
  return (
    <>
      <fieldset className="form__group">
        <legend>{node.kind}</legend>
        <p data-testid="inspector-node-text">{describeNode(node, node.id)}</p>
        {node.origins.length === 0 && <p className="muted">Not in the YAML yet: connect it to another node to write a rule.</p>}
      </fieldset>
      <QuickActions node={node} draft={draft} onConfirm={onConfirm} />
      {policies.length > 0 && (
        <fieldset className="form__group">
          <legend>Selected by</legend>
          {policies.map(({ key, label }) => (
            <label className="form__row" key={key} title="The labels this policy selects the workload by; edit to re-target the policy">
              {label}
              <CommitInput
                label={`labels selected by ${key}`}
                testId="inspector-subject-labels"
                value={formatLabels(node.labels ?? {})}
                onCommit={(text) => {
                  const gesture = subjectLabelsGesture(key, text)
                  if ('error' in gesture) return notify({ kind: 'error', text: gesture.error })
                  runGesture(gesture)
                }}
              />
            </label>
          ))}
        </fieldset>
      )}
    </>
  )
}
