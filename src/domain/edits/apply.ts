/** The one entry point: a gesture → the smallest text edits, the new text and a description. */
import { parsePolicies } from '../policy/parse.ts'
import type { ParseResult } from '../policy/model.ts'
import type { Planned } from './connect.ts'
import { planConnect } from './connect.ts'
import { planDeleteEdge } from './delete-edge.ts'
import type { Gesture, GestureOutcome } from './gestures.ts'
import { planNodeAction } from './node-actions.ts'
import { planSetField } from './set-field.ts'
import { SpliceError } from './splice.ts'
import { EditBuilder, applyEdits } from './text-edits.ts'
import { Workspace } from './workspace.ts'
import { WriteError } from './writer.ts'

function plan(ws: Workspace, b: EditBuilder, parse: ParseResult, g: Gesture): Planned {
  switch (g.type) {
    case 'connect':
      return planConnect(ws, b, parse, g)
    case 'deleteEdge':
      return planDeleteEdge(ws, b, parse, g)
    case 'setField':
      return planSetField(ws, b, parse, g.change)
    default:
      return planNodeAction(ws, b, parse, g)
  }
}

const errorCount = (p: ParseResult): number => p.diagnostics.filter((d) => d.severity === 'error').length

/**
 * Applies a gesture to `text` (whose parse is `parse`). Pure: never throws; a gesture that cannot
 * be written (or would make the text invalid) returns `{error}` and the text stays as it is.
 */
export function applyGesture(text: string, parse: ParseResult, gesture: Gesture): GestureOutcome {
  const ws = new Workspace(text)
  const b = new EditBuilder(text)
  let planned: Planned
  try {
    planned = plan(ws, b, parse, gesture)
  } catch (e) {
    if (e instanceof WriteError || e instanceof SpliceError) return { error: e.message }
    return { error: `internal error while editing: ${e instanceof Error ? e.message : String(e)}` }
  }
  let edits
  try {
    edits = b.build()
  } catch (e) {
    return { error: `internal error while editing: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (edits.length === 0) return { error: 'nothing to change' }
  const next = applyEdits(text, edits)
  // Safety net for "never lose work": an edit that breaks the text is refused, not applied.
  const after = parsePolicies(next)
  if (errorCount(after) > errorCount(parse)) {
    const first = after.diagnostics.find((d) => d.severity === 'error')
    return { error: `this edit would make the YAML invalid (${first?.message ?? 'unknown error'}); nothing was changed` }
  }
  return { edits, text: next, parse: after, description: planned.description, ...(planned.warning !== undefined && { warning: planned.warning }) }
}
