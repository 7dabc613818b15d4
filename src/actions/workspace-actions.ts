/** Replacing the whole workspace: an example, the demo, an empty one; asks first when edits would be lost. */
import { EXAMPLES, demoText, loadSample } from '../store/samples.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import type { Action, ActionContext } from './types.ts'

/** Runs `replace` at once when nothing would be lost, else after the user confirms. */
function guarded(ctx: ActionContext, title: string, confirmLabel: string, replace: () => void): void {
  const { text, loadedText } = useWorkspace.getState()
  if (text === loadedText || text.trim() === '') replace()
  else ctx.confirm({ title, message: 'Your edits in the current workspace will be replaced. You can undo with Ctrl+Z in the editor.', confirmLabel, onConfirm: replace })
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
    guarded(ctx, `Open "${example.title}"?`, 'Open example', () => {
      loadSample(example.file)
        .then((text) => useWorkspace.getState().replaceText(text, `example:${example.id}`))
        .catch((err: unknown) => ctx.report?.(String(err)))
    })
  },
}

export const resetDemo: Action = {
  id: 'reset-demo',
  label: 'Reset to demo',
  title: 'Replace the workspace with the embedded demo cluster',
  group: 'workspace',
  enabled: () => true,
  perform: (ctx) => guarded(ctx, 'Reset to the demo?', 'Reset to demo', () => useWorkspace.getState().replaceText(demoText, 'demo')),
}

export const newEmpty: Action = {
  id: 'new-empty',
  label: 'New empty',
  title: 'Start from an empty workspace',
  group: 'workspace',
  enabled: () => true,
  perform: (ctx) => guarded(ctx, 'Start an empty workspace?', 'Discard and start empty', () => useWorkspace.getState().replaceText('', 'empty')),
}
