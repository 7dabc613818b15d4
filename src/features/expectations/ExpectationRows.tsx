/** The expectations' results: expected against what the policies give, with the deciding rule. */
import type { ExpectationRow } from '../../store/rollout-store.ts'

export function ExpectationRows({ rows }: { readonly rows: readonly ExpectationRow[] }): React.JSX.Element | null {
  if (rows.length === 0) return null
  return (
    <table className="expectations__table">
      <thead>
        <tr><th aria-label="result" /><th>Expectation</th><th>Expected</th><th>Got</th><th>Why</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.line}:${r.name}`} data-testid="expectation-row" data-ok={r.ok} className={r.ok ? 'is-pass' : 'is-fail'}>
            <td className="expectations__mark">{r.ok ? '✓' : '✗'}</td>
            <td title={`line ${r.line}: ${r.from} → ${r.to} ${r.port}${r.http ? ` ${r.http}` : ''}${r.dns ? ` dns ${r.dns}` : ''}`}>{r.name}</td>
            <td>{r.expect}</td>
            <td className={r.verdict ? `verdict verdict--${r.verdict}` : ''}>{r.verdict ?? 'error'}</td>
            <td className="expectations__why">{r.error ?? (r.rule ? `${r.rule.effect} · ${r.rule.side} · ${r.rule.policy} ${r.rule.path}` : 'no rule decides: not enforced')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
