import type { Action, ActionContext } from '../../actions/index.ts'
import { labelOf } from '../../actions/index.ts'

/** A toolbar button for a registry action: its label, tooltip and test handle come from the declaration. */
export function ActionButton({ action, ctx, children }: { action: Action; ctx: ActionContext; children?: React.ReactNode }): React.JSX.Element {
  return (
    <button
      type="button"
      data-testid={action.id}
      title={action.title}
      aria-label={children === undefined ? undefined : labelOf(action, ctx.target)}
      aria-pressed={action.pressed?.()}
      disabled={!action.enabled(ctx)}
      onClick={() => action.perform(ctx, '')}
    >
      {children ?? labelOf(action, ctx.target)}
    </button>
  )
}
