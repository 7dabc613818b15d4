/**
 * Connectivity expectations (policy tests) in the page: the workspace's list in the CLI's file
 * format (`membrane check --expect`), edited as its own YAML or through the add form, evaluated
 * live against the policies; each passes (✓) or fails (✗) here and as a test edge on the graph.
 */
import { useEffect, useState } from 'react'
import { useRollout } from '../../store/rollout-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { AddExpectation } from './AddExpectation.tsx'
import { ExpectationRows } from './ExpectationRows.tsx'
import './expectations.css'

export function ExpectationsPanel(): React.JSX.Element {
  const saved = useWorkspace((s) => s.settings.expectations ?? '')
  const answer = useRollout((s) => s.expectations)
  const [text, setText] = useState(saved)
  // Text set elsewhere (the add form, a loaded workspace) replaces what is shown.
  useEffect(() => setText(saved), [saved])
  const commit = (next: string): void => {
    setText(next)
    useWorkspace.getState().setSettings({ expectations: next })
  }
  const rows = answer?.rows ?? []
  const failed = rows.filter((r) => !r.ok).length
  return (
    <div className="expectations" data-testid="expectations">
      <div className="expectations__side">
        <AddExpectation onAdd={(entry) => commit(`${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}`)} />
        <label className="expectations__yaml-label" htmlFor="expectations-yaml">
          Expectations YAML <span className="expectations__hint">(the file for <code>membrane check --expect</code> in CI)</span>
        </label>
        <textarea
          id="expectations-yaml"
          className="expectations__yaml"
          data-testid="expectations-yaml"
          spellCheck={false}
          value={text}
          placeholder={'- from: shop:app=frontend\n  to: shop:app=backend\n  port: 8080/TCP\n  expect: allowed'}
          onChange={(e) => commit(e.target.value)}
        />
        {(answer?.problems ?? []).map((p, i) => (
          <div key={i} className="expectations__problem" data-testid="expectations-problem">
            {p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}: ` : ''}{p.message}
          </div>
        ))}
      </div>
      <div className="expectations__main">
        <div className="expectations__summary" data-testid="expectations-summary">
          {rows.length === 0 ? 'No expectations yet: add one, or paste an expectations file.' : failed === 0 ? `✓ all ${rows.length} pass` : `✗ ${failed} of ${rows.length} fail`}
        </div>
        <ExpectationRows rows={rows} />
      </div>
    </div>
  )
}
