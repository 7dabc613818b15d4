/**
 * "Allow these N flows": allow rules for every blocked flow the table shows, as one undo step.
 * `count` is the worker's; the rows behind it are fetched on the click (one per rule to write).
 */
import { useWorkspace } from '../../store/workspace-store.ts'
import { useFlows } from '../../store/flows-store.ts'
import { commitOutcome } from '../../store/gesture-actions.ts'
import { allowGestures, applyGestures } from './allow-flows.ts'

export function AllowTheseFlows({ count }: { readonly count: number }): React.JSX.Element | null {
  if (count === 0) return null
  const run = async (): Promise<void> => {
    const rows = await useFlows.getState().allowableRows()
    const ws = useWorkspace.getState()
    ws.flushParse()
    const { text, model } = useWorkspace.getState()
    if (model.stale) {
      ws.notify({ kind: 'error', text: 'The YAML does not parse; fix it before writing rules from flows.' })
      return
    }
    commitOutcome(applyGestures(text, model.parse, allowGestures(rows, useFlows.getState().overlay.endpointNode)))
  }
  return (
    <button
      type="button"
      className="flows-allow-all"
      data-testid="allow-these-flows"
      onClick={() => void run()}
      title="Write allow rules for every flow listed here that the draft denies or audits (one rule per source, destination and side, ports merged; one undo step)"
    >
      {count === 1 ? 'Allow this listed flow' : `Allow these ${count.toLocaleString('en-US')} flows`}
    </button>
  )
}
