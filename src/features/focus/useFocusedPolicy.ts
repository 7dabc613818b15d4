/**
 * Which policy the focus view shows: the user's pick, moved along when the store selection
 * changes to something the current policy does not show (DESIGN.md: views stay in sync).
 */
import { useCallback, useState } from 'react'
import { focusPolicyFor } from '../../domain/graph/index.ts'
import type { GraphModel } from '../../domain/graph/index.ts'
import type { ParseResult } from '../../domain/policy/model.ts'
import type { Selection } from '../../store/workspace-types.ts'

interface Focused {
  readonly chosen: string | null
  /** The selection last followed, so a new selection is noticed during render. */
  readonly seen: Selection | null
}

export function useFocusedPolicy(
  parse: Pick<ParseResult, 'policies'>,
  graph: GraphModel,
  selection: Selection | null,
): [key: string | null, choose: (key: string) => void] {
  const [state, setState] = useState<Focused>(() => ({ chosen: focusPolicyFor(selection, graph, parse), seen: selection }))
  // Adjusting state while rendering (not in an effect) avoids painting the old policy first.
  // A cleared selection keeps the current policy: clicking empty space should not jump away.
  if (state.seen !== selection) {
    const next = selection === null ? state.chosen : (focusPolicyFor(selection, graph, parse, state.chosen) ?? state.chosen)
    setState({ chosen: next, seen: selection })
  }
  const choose = useCallback((key: string) => setState((s) => ({ ...s, chosen: key })), [])
  // A renamed or deleted policy falls back to the first one rather than an empty view.
  const key =
    state.chosen !== null && parse.policies.some((p) => p.key === state.chosen) ? state.chosen : (parse.policies[0]?.key ?? null)
  return [key, choose]
}
