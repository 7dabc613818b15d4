/**
 * The Monaco YAML pane. Loaded lazily (React.lazy) so the graph paints before Monaco arrives.
 * Typing flows to the store; texts set elsewhere arrive through `external` and are applied as one
 * undoable edit; selection is synced both ways through the YAML ranges carried by the graph.
 */
import { useEffect, useRef } from 'react'
import type { editor as MonacoEditor } from 'monaco-editor/editor'
import { monaco, MODEL_URI } from './monaco-setup.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import type { ExternalText } from '../../store/workspace-store.ts'
import { minimalReplacement } from './text-diff.ts'
import { elementAtOffset, rangeOfSelection } from './selection-ranges.ts'
import { applyDiagnostics } from './markers.ts'
import { setEditorHandle } from './editor-handle.ts'

export default function YamlPane(): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = host.current
    if (!el) return
    const uri = monaco.Uri.parse(MODEL_URI)
    const initial = useWorkspace.getState().text
    // StrictMode mounts twice: reuse the model if it is still there (toolchain record, pitfall 13).
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'yaml', uri)
    if (model.getValue() !== initial) model.setValue(initial)
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      quickSuggestions: { other: true, comments: false, strings: true },
    })
    setEditorHandle(editor)
    let applying = false
    let decorations: MonacoEditor.IEditorDecorationsCollection = editor.createDecorationsCollection([])

    const contentSub = model.onDidChangeContent(() => {
      if (!applying) useWorkspace.getState().commitText({ text: model.getValue(), origin: 'typing' })
    })
    const cursorSub = editor.onDidChangeCursorPosition((e) => {
      if (applying || e.source === 'api') return
      const state = useWorkspace.getState()
      state.flushParse()
      const hit = elementAtOffset(useWorkspace.getState().model.graph, model.getOffsetAt(e.position))
      const current = state.selection
      if (!hit) {
        if (current?.from === 'yaml') state.select(null)
        return
      }
      if (current?.id !== hit.id) state.select({ ...hit, from: 'yaml' })
    })

    /** Applies a text set elsewhere as one undo step: the gesture's own edits, else a minimal diff. */
    const applyExternal = (ext: ExternalText): void => {
      const current = model.getValue()
      const change = minimalReplacement(current, ext.text)
      if (!change) return
      const edits = ext.edits && ext.base === current ? ext.edits : [change]
      applying = true
      try {
        editor.pushUndoStop()
        editor.executeEdits(
          'membrane',
          edits.map((e) => {
            const start = model.getPositionAt(e.start)
            const end = model.getPositionAt(e.end)
            return {
              range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
              text: e.text,
              forceMoveMarkers: true,
            }
          }),
        )
        editor.pushUndoStop()
      } finally {
        applying = false
      }
      // Belt and braces: the editor must end up with exactly the store's text.
      if (model.getValue() !== ext.text) useWorkspace.getState().commitText({ text: model.getValue(), origin: 'typing' })
    }

    const showSelection = (): void => {
      const { selection, model: m } = useWorkspace.getState()
      if (!selection) {
        decorations.clear()
        return
      }
      const range = rangeOfSelection(m.graph, selection)
      if (!range) return
      const a = model.getPositionAt(range.start)
      const b = model.getPositionAt(range.end)
      const r = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column)
      decorations.clear()
      decorations = editor.createDecorationsCollection([
        { range: r, options: { className: 'yaml-highlight', isWholeLine: false, stickiness: 1 } },
      ])
      if (selection.from === 'graph') {
        editor.setSelection(r, 'api')
        editor.revealRangeInCenterIfOutsideViewport(r)
      }
    }

    const unsubscribe = useWorkspace.subscribe((state, prev) => {
      if (state.external && state.external !== prev.external) applyExternal(state.external)
      if (state.selection !== prev.selection) showSelection()
      if (state.model !== prev.model) applyDiagnostics(monaco, model, state.model.parse.diagnostics)
    })
    applyDiagnostics(monaco, model, useWorkspace.getState().model.parse.diagnostics)

    return () => {
      unsubscribe()
      contentSub.dispose()
      cursorSub.dispose()
      setEditorHandle(null)
      editor.dispose()
      model.dispose()
    }
  }, [])

  // `nokey`: React Flow otherwise swallows Space typed into Monaco (toolchain record, pitfall 4).
  return <div ref={host} className="yaml-editor nokey" data-testid="yaml-editor" />
}
