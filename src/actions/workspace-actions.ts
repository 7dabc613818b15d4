/** Replacing the whole workspace: an example, the demo, an empty one; the store asks first when edits would be lost. */
import { EXAMPLES, demoText, loadSample } from '../store/samples.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import type { ReplaceRequest } from '../store/workspace-types.ts'
import type { Action, ActionContext } from './types.ts'

const REPLACE_MESSAGE = 'Your edits in the current workspace will be replaced. You can undo with Ctrl+Z in the editor.'

/** Hands the replacement to the store, which raises its confirmation when edits would be lost. */
function replace(ctx: ActionContext, title: string, confirmLabel: string, origin: ReplaceRequest['origin'], source: string, load: ReplaceRequest['load']): void {
  useWorkspace
    .getState()
    .requestReplace({ prompt: { title, message: REPLACE_MESSAGE, confirmLabel }, origin, source, load })
    .catch((err: unknown) => ctx.report?.(String(err)))
}

/** Input: the example's id from the catalog. */
export const openExample: Action = {
  id: 'open-example',
  label: 'Examples',
  title: 'Load a scenario from the seed article as its own workspace',
  group: 'workspace',
  enabled: () => true,
  perform: (ctx, id) => {
    const example = EXAMPLES.find((e) => e.id === id)
    if (!example) return
    replace(ctx, `Open "${example.title}"?`, 'Open example', 'load', `example:${example.id}`, () => loadSample(example.file))
  },
}

export const resetDemo: Action = {
  id: 'reset-demo',
  label: 'Reset to demo',
  title: 'Replace the workspace with the embedded demo cluster',
  group: 'workspace',
  enabled: () => true,
  perform: (ctx) => replace(ctx, 'Reset to the demo?', 'Reset to demo', 'reset', 'demo', () => demoText),
}

export const newEmpty: Action = {
  id: 'new-empty',
  label: 'New empty',
  title: 'Start from an empty workspace',
  group: 'workspace',
  enabled: () => true,
  perform: (ctx) => replace(ctx, 'Start an empty workspace?', 'Discard and start empty', 'reset', 'empty', () => ''),
}
