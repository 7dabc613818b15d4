/** One agent setting: its control by kind, the agent key it stands for, and its effect. */
import { useEffect, useState } from 'react'
import type { AgentSettings, SettingField } from '../../domain/settings/index.ts'

interface Props {
  readonly field: SettingField
  readonly settings: AgentSettings
  readonly onChange: (patch: Partial<AgentSettings>) => void
  /** A line under the control: what else decides this setting (e.g. the graph's host firewall switch). */
  readonly note?: string
}

/** A number or text field that commits on Enter or when left, so typing does not re-evaluate per key. */
function CommitField({ value, kind, onCommit, testId, label }: { value: string; kind: 'number' | 'text'; onCommit: (v: string) => void; testId: string; label: string }): React.JSX.Element {
  const [draft, setDraft] = useState(value)
  useEffect(() => setDraft(value), [value])
  return (
    <input
      type={kind}
      min={kind === 'number' ? 0 : undefined}
      aria-label={label}
      data-testid={testId}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => e.key === 'Enter' && onCommit(draft)}
    />
  )
}

export function SettingControl({ field: f, settings, onChange, note }: Props): React.JSX.Element {
  const value = settings[f.field]
  const testId = `setting-${f.field}`
  const patch = (v: unknown): void => onChange({ [f.field]: v } as Partial<AgentSettings>)
  let control: React.ReactNode
  if (f.field === 'policyDefaultLocalCluster') {
    // Optional: unset means "the version's default" (on since 1.19), which is not the same as off.
    control = (
      <select aria-label={f.label} data-testid={testId} value={value === undefined ? '' : String(value)} onChange={(e) => patch(e.target.value === '' ? undefined : e.target.value === 'true')}>
        <option value="">version default</option>
        <option value="true">on</option>
        <option value="false">off</option>
      </select>
    )
  } else if (f.kind === 'bool') {
    control = <input type="checkbox" aria-label={f.label} data-testid={testId} checked={value === true} onChange={(e) => patch(e.target.checked)} />
  } else if (f.kind === 'choice' || f.kind === 'version') {
    control = (
      <select aria-label={f.label} data-testid={testId} value={String(value)} onChange={(e) => patch(e.target.value)}>
        {f.choices!.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    )
  } else if (f.kind === 'seconds' || f.kind === 'count') {
    control = (
      <CommitField
        kind="number"
        label={f.label}
        testId={testId}
        value={String(value ?? 0)}
        onCommit={(v) => {
          const n = Number(v)
          if (Number.isFinite(n) && n >= 0) patch(Math.floor(n))
        }}
      />
    )
  } else {
    control = <CommitField kind="text" label={f.label} testId={testId} value={typeof value === 'string' ? value : ''} onCommit={(v) => patch(v.trim() === '' ? undefined : v.trim())} />
  }
  return (
    <div className={`settings-field settings-field--${f.kind}`} title={`${f.help} (${f.section})`}>
      <label className="settings-field__row">
        <span className="settings-field__label">{f.label}</span>
        {control}
      </label>
      <div className="settings-field__meta">
        {f.agentKey !== '' && <code>{f.agentKey}</code>} <span>{f.help}</span>
      </div>
      {note && <div className="settings-field__note" data-testid={`${testId}-note`}>{note}</div>}
    </div>
  )
}
