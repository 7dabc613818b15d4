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
import { applyLintMarkers, registerLintFixes } from './lint-markers.ts'
import { useLint } from '../../store/lint-store.ts'
import { supersededBy } from '../../domain/lint/index.ts'
import { registerEditor } from '../../store/editor-port.ts'
import type { EditorPort, TextEdit, TextRange } from '../../store/editor-port.ts'
import { publishMarkers } from '../../store/editor-markers.ts'
import { useTheme } from '../../store/theme.ts'

const monacoTheme = (theme: 'light' | 'dark'): string => (theme === 'dark' ? 'vs-dark' : 'vs')

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
      theme: monacoTheme(useTheme.getState().resolved),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      quickSuggestions: { other: true, comments: false, strings: true },
    })
    let applying = false
    let decorations: MonacoEditor.IEditorDecorationsCollection = editor.createDecorationsCollection([])
    const toRange = (r: TextRange): monaco.Range => {
      const a = model.getPositionAt(r.start)
      const b = model.getPositionAt(r.end)
      return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column)
    }
    /** One undo step. `silent`: the store already holds the result, so the change is not echoed back. */
    const executeEdits = (edits: readonly TextEdit[], silent: boolean): void => {
      applying = silent
      try {
        editor.pushUndoStop()
        editor.executeEdits('membrane', edits.map((e) => ({ range: toRange(e), text: e.text, forceMoveMarkers: true })))
        editor.pushUndoStop()
      } finally {
        applying = false
      }
    }
    const port: EditorPort = {
      revealRange: (r) => editor.revealRangeInCenter(toRange(r)),
      select: (r) => {
        const range = toRange(r)
        editor.setSelection(range)
        editor.revealLineInCenter(range.startLineNumber)
      },
      setCursor: (offset) => {
        const p = model.getPositionAt(offset)
        editor.setPosition(p)
        editor.revealLineInCenter(p.lineNumber)
      },
      // Reaches the store like typing does (onDidChangeContent), so undo and autosave see it.
      applyEdits: (edits) => executeEdits(edits, false),
      undo: () => editor.trigger('keyboard', 'undo', null),
      redo: () => editor.trigger('keyboard', 'redo', null),
      focus: () => editor.focus(),
    }
    const unregister = registerEditor(port)

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
      executeEdits(ext.edits && ext.base === current ? ext.edits : [change], true)
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
      const r = toRange(range)
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
      if (state.model !== prev.model) showDiagnostics()
    })
    /** Parser markers, minus the ones a lint finding shows with its code, why and fix. */
    const showDiagnostics = (): void => {
      const lint = useLint.getState()
      const own = lint.text === model.getValue() ? lint.findings : []
      applyDiagnostics(monaco, model, useWorkspace.getState().model.parse.diagnostics.filter((d) => !supersededBy(d, own)))
    }
    showDiagnostics()
    const showLint = (): void => {
      if (applyLintMarkers(monaco, model, useLint.getState())) showDiagnostics()
    }
    const unsubscribeLint = useLint.subscribe((s, prev) => {
      if (s.findings !== prev.findings) showLint()
    })
    showLint()
    const fixes = registerLintFixes(monaco, model, () => useLint.getState())

    // Every owner's markers (ours and monaco-yaml's schema checks): the Problems pane counts these.
    const publish = (): void => {
      const marks = monaco.editor.getModelMarkers({ resource: uri }).filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
      publishMarkers(
        marks
          .map((m) => ({
            severity: m.severity === monaco.MarkerSeverity.Error ? ('error' as const) : ('warning' as const),
            message: m.message,
            line: m.startLineNumber,
            column: m.startColumn,
            offset: model.getOffsetAt({ lineNumber: m.startLineNumber, column: m.startColumn }),
            source: m.owner,
          }))
          .sort((a, b) => a.offset - b.offset),
      )
    }
    const markerSub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri.toString())) publish()
    })
    publish()
    const themeUnsub = useTheme.subscribe((t, prev) => {
      if (t.resolved !== prev.resolved) monaco.editor.setTheme(monacoTheme(t.resolved))
    })

    return () => {
      markerSub.dispose()
      themeUnsub()
      publishMarkers(null)
      unsubscribe()
      unsubscribeLint()
      fixes.dispose()
      contentSub.dispose()
      cursorSub.dispose()
      unregister()
      editor.dispose()
      model.dispose()
    }
  }, [])

  // `nokey`: React Flow otherwise swallows Space typed into Monaco (toolchain record, pitfall 4).
  return <div ref={host} className="yaml-editor nokey" data-testid="yaml-editor" />
}
