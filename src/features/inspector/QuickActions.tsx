/**
 * The node's policy actions (allow DNS, default deny, allow FQDN…) as buttons, straight from the
 * action registry — the same declarations the right-click menu shows. An action that asks for a
 * value (FQDN name, port) opens a small field first; Enter runs it, Escape closes it.
 */
import { useState } from 'react'
import { NODE_ACTIONS, labelOf } from '../../actions/index.ts'
import type { Action, ActionContext, ActionTarget } from '../../actions/index.ts'
import type { GraphNode } from '../../domain/graph/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'

export function QuickActions({ node, draft, onConfirm }: { node: GraphNode; draft: boolean; onConfirm: (r: ConfirmRequest) => void }): React.JSX.Element | null {
  const [asking, setAsking] = useState<Action | null>(null)
  const [value, setValue] = useState('')
  const target: ActionTarget = { kind: 'node', node, draft }
  const ctx: ActionContext = { target, confirm: onConfirm, report: (text) => useWorkspace.getState().notify({ kind: 'error', text }) }
  const actions = NODE_ACTIONS.filter((a) => a.enabled(ctx))
  if (actions.length === 0) return null
  const run = (a: Action, input: string): void => {
    const problem = a.perform(ctx, input)
    if (typeof problem === 'string') useWorkspace.getState().notify({ kind: 'error', text: problem })
    setAsking(null)
  }
  return (
    <fieldset className="form__group" data-testid="inspector-quick-actions">
      <legend>Quick actions</legend>
      <div className="quick-actions">
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            title={a.title}
            data-testid={`quick-${a.id}`}
            aria-pressed={asking?.id === a.id ? true : undefined}
            onClick={() => {
              if (!a.ask) return run(a, '')
              setAsking(a)
              setValue(a.ask.initial)
            }}
          >
            {labelOf(a, target)}
          </button>
        ))}
        {asking?.ask && (
          <form
            data-testid="quick-ask"
            onSubmit={(e) => {
              e.preventDefault()
              run(asking, value.trim())
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return
              e.stopPropagation()
              setAsking(null)
            }}
          >
            <input autoFocus aria-label={asking.ask.placeholder} placeholder={asking.ask.placeholder} value={value} onChange={(e) => setValue(e.target.value)} data-testid="quick-ask-input" />
            <button type="submit" className="primary" disabled={value.trim() === ''}>Write</button>
          </form>
        )}
      </div>
    </fieldset>
  )
}
