/** "Allow these N flows": allow rules for every blocked flow the table shows, as one undo step. */
import { useMemo } from 'react'
import { useWorkspace } from '../../store/workspace-store.ts'
import { commitOutcome } from '../../store/gesture-actions.ts'
import type { FlowRow } from '../../worker/flow-view.ts'
import { allowGestures, allowable, applyGestures } from './allow-flows.ts'

export function AllowTheseFlows({ rows, endpointNode }: { readonly rows: readonly FlowRow[]; readonly endpointNode: readonly string[] }): React.JSX.Element | null {
  const blocked = useMemo(() => allowable(rows), [rows])
  if (blocked.length === 0) return null
  const run = (): void => {
    const ws = useWorkspace.getState()
    ws.flushParse()
    const { text, model } = useWorkspace.getState()
    if (model.stale) {
      ws.notify({ kind: 'error', text: 'The YAML does not parse; fix it before writing rules from flows.' })
      return
    }
    commitOutcome(applyGestures(text, model.parse, allowGestures(blocked, endpointNode)))
  }
  return (
    <button
      type="button"
      className="flows-allow-all"
      data-testid="allow-these-flows"
      onClick={run}
      title="Write allow rules for every flow listed here that the draft denies or audits (one rule per source, destination and side, ports merged; one undo step)"
    >
      {blocked.length === 1 ? 'Allow this listed flow' : `Allow these ${blocked.length.toLocaleString('en-US')} flows`}
    </button>
  )
}
