/** Editable L7 rule rows (HTTP / DNS / Kafka) for the connect dialog. */
import type { L7Spec } from '../../domain/edits/index.ts'

export type L7Kind = 'none' | 'http' | 'dns' | 'kafka'
export interface Row {
  readonly a: string
  readonly b: string
}

const FIELDS: Record<Exclude<L7Kind, 'none'>, [string, string, string, string]> = {
  http: ['method', 'GET', 'path (RE2, full match)', '/api/v1/.*'],
  dns: ['matchPattern', '*.example.com', 'matchName', 'api.example.com'],
  kafka: ['role', 'produce', 'topic', 'orders'],
}

export function l7Spec(kind: L7Kind, rows: readonly Row[]): L7Spec | undefined {
  const used = rows.filter((r) => r.a.trim() !== '' || r.b.trim() !== '')
  if (kind === 'none' || used.length === 0) return undefined
  const opt = (k: string, v: string): Record<string, string> => (v.trim() === '' ? {} : { [k]: v.trim() })
  switch (kind) {
    case 'http':
      return { http: used.map((r) => ({ ...opt('method', r.a), ...opt('path', r.b) })) }
    case 'dns':
      return { dns: used.map((r) => ({ ...opt('matchPattern', r.a), ...opt('matchName', r.b) })) }
    case 'kafka':
      return { kafka: used.map((r) => ({ ...opt('role', r.a), ...opt('topic', r.b) })) }
  }
}

export function L7Rows(props: {
  kind: L7Kind
  rows: readonly Row[]
  onKind: (k: L7Kind) => void
  onRows: (rows: Row[]) => void
}): React.JSX.Element {
  const { kind, rows } = props
  const fields = kind === 'none' ? null : FIELDS[kind]
  const update = (i: number, patch: Partial<Row>): void => props.onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <fieldset className="form__group">
      <legend>L7 rules (optional)</legend>
      <select data-testid="connect-l7-kind" value={kind} onChange={(e) => props.onKind(e.target.value as L7Kind)} title="Restrict requests at layer 7; other requests get 403 / REFUSED">
        <option value="none">none (L3/L4 only)</option>
        <option value="http">HTTP / gRPC</option>
        <option value="dns">DNS</option>
        <option value="kafka">Kafka</option>
      </select>
      {fields &&
        rows.map((r, i) => (
          <div className="form__row" key={i}>
            <input aria-label={fields[0]} placeholder={fields[1]} data-testid={`connect-l7-a-${i}`} value={r.a} onChange={(e) => update(i, { a: e.target.value })} />
            <input aria-label={fields[2]} placeholder={fields[3]} data-testid={`connect-l7-b-${i}`} value={r.b} onChange={(e) => update(i, { b: e.target.value })} />
            <button type="button" title="Remove this row" onClick={() => props.onRows(rows.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
      {fields && (
        <button type="button" data-testid="connect-l7-add" title="Add a rule row" onClick={() => props.onRows([...rows, { a: '', b: '' }])}>
          + row
        </button>
      )}
    </fieldset>
  )
}
