/**
 * Paste or upload what the cluster runs with — `kubectl -n kube-system get configmap cilium-config
 * -o yaml`, `cilium config view`, or Helm values — and see what was read (with the value used),
 * what was ignored, and what could not be read.
 */
import { useRef, useState } from 'react'
import type { SettingsImport } from '../../domain/settings/index.ts'
import { settingField } from '../../domain/settings/index.ts'
import { applyAgentConfig } from '../../store/agent-settings.ts'

const FORMAT: Record<SettingsImport['format'], string> = {
  'cilium-config': 'cilium-config ConfigMap',
  'cilium-config-view': 'cilium config view',
  'helm-values': 'Helm values',
}

const at = (line: number | undefined): string => (line === undefined ? '' : `line ${line}: `)

export function AgentConfigImport(): React.JSX.Element {
  const [text, setText] = useState('')
  const [result, setResult] = useState<SettingsImport | null>(null)
  const file = useRef<HTMLInputElement>(null)
  const read = (t: string): void => setResult(applyAgentConfig(t))
  return (
    <fieldset className="form__group settings-import" data-testid="settings-import">
      <legend>Import from the cluster</legend>
      <textarea
        data-testid="settings-import-text"
        aria-label="cilium-config or Helm values"
        rows={5}
        spellCheck={false}
        placeholder={'kubectl -n kube-system get configmap cilium-config -o yaml\n— or your Helm values (policyAuditMode: true …)'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="form__row">
        <button type="button" className="primary" data-testid="settings-import-read" disabled={text.trim() === ''} onClick={() => read(text)}>Read settings</button>
        <button type="button" data-testid="settings-import-upload" onClick={() => file.current?.click()}>Upload a file…</button>
        <input
          ref={file}
          type="file"
          hidden
          accept=".yaml,.yml,.json,.txt"
          data-testid="settings-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void f.text().then((t) => {
              setText(t)
              read(t)
            })
          }}
        />
      </div>
      {result && (
        <div className="settings-import__result" data-testid="settings-import-result">
          <p>
            Read as <strong>{FORMAT[result.format]}</strong>: {result.read.length} {result.read.length === 1 ? 'setting' : 'settings'} applied
            {result.ignored.length > 0 && `, ${result.ignored.length} keys ignored`}
            {result.problems.length > 0 && `, ${result.problems.length} problems`}.
          </p>
          {result.read.length > 0 && (
            <ul className="settings-import__read" data-testid="settings-import-read-keys">
              {result.read.map((r) => (
                <li key={`${r.key}-${r.line ?? ''}`} title={r.note}>
                  <code>{r.key}</code> = <code>{r.raw}</code> → {settingField(r.field).label}: <strong>{String(r.value)}</strong>
                  {r.note && <span className="muted"> ({r.note})</span>}
                </li>
              ))}
            </ul>
          )}
          {result.problems.length > 0 && (
            <ul className="settings-import__problems" data-testid="settings-import-problems">
              {result.problems.map((p, i) => <li key={i}>{at(p.line)}{p.message}</li>)}
            </ul>
          )}
          {result.ignored.length > 0 && (
            <details data-testid="settings-import-ignored">
              <summary>{result.ignored.length} keys ignored (nothing Membrane models)</summary>
              <p className="settings-import__ignored">{result.ignored.map((k) => k.key).join(', ')}</p>
            </details>
          )}
        </div>
      )}
    </fieldset>
  )
}
