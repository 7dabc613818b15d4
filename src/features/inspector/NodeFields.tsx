/** A selected node: what it is, and the labels each policy selects it by (editable). */
import type { GraphModel, GraphNode } from '../../domain/graph/index.ts'
import { describeNode } from '../../domain/graph/index.ts'
import { formatLabels } from '../../domain/graph/node-ids.ts'
import { parseLabelText } from '../../store/drafts.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { CommitInput } from './CommitInput.tsx'

export function NodeFields({ node, graph }: { node: GraphNode; graph: GraphModel }): React.JSX.Element {
  const subjects = graph.policySubjects ?? {}
  const policies = Object.keys(subjects).filter((k) => subjects[k].includes(node.id))
  const notify = useWorkspace((s) => s.notify)
  return (
    <>
      <fieldset className="form__group">
        <legend>{node.kind}</legend>
        <p data-testid="inspector-node-text">{describeNode(node, node.id)}</p>
        {node.origins.length === 0 && <p className="muted">Not in the YAML yet: connect it to another node to write a rule.</p>}
      </fieldset>
      {node.kind === 'workload' && policies.length > 0 && (
        <fieldset className="form__group">
          <legend>Selected by</legend>
          {policies.map((key) => (
            <label className="form__row" key={key} title="The labels this policy selects the workload by; edit to re-target the policy">
              {key.split('/').slice(1).join('/')}
              <CommitInput
                label={`labels selected by ${key}`}
                testId="inspector-subject-labels"
                value={formatLabels(node.labels ?? {})}
                onCommit={(text) => {
                  const labels = parseLabelText(text)
                  if (!labels || Object.keys(labels).length === 0) return notify({ kind: 'error', text: 'Labels look like app=backend,tier=api.' })
                  runGesture({ type: 'setField', change: { kind: 'subjectLabels', policyKey: key, labels } })
                }}
              />
            </label>
          ))}
        </fieldset>
      )}
    </>
  )
}
