/**
 * Asked when the user drags from one node to another: what to allow (or deny), and where to
 * write it. Applying it is one YAML edit (one undo step).
 */
import { useMemo, useState } from 'react'
import type { Placement, PolicyMode } from '../../domain/edits/index.ts'
import { connectDefaults, connectTargets } from '../../domain/edits/index.ts'
import type { PolicyKey } from '../../domain/graph/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { commitOutcome, previewGesture } from '../../store/gesture-actions.ts'
import { nodeLabel } from '../../store/node-label.ts'
import { enableNodeSelectorsIfWritten } from '../../store/agent-settings.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { PORT_PRESETS, parsePorts } from './port-presets.ts'
import { L7Rows, l7Spec } from './L7Rows.tsx'
import type { L7Kind, Row } from './L7Rows.tsx'

import type { ConnectRequest } from '../../store/edit-ui.ts'

export function ConnectDialog({ request, onClose }: { request: ConnectRequest; onClose: () => void }): React.JSX.Element {
  const parse = useWorkspace((s) => s.model.parse)
  const [initial] = useState(() => connectDefaults(parse, request))
  const [ports, setPorts] = useState('TCP/8080')
  const [kind, setKind] = useState<L7Kind>('none')
  const [rows, setRows] = useState<Row[]>([{ a: '', b: '' }])
  const [action, setAction] = useState<'allow' | 'deny'>('allow')
  const [placement, setPlacement] = useState<Placement>(initial.placement)
  const [mode, setMode] = useState<PolicyMode>(initial.mode)
  const [policyKey, setPolicyKey] = useState<PolicyKey | ''>(initial.policyKey ?? '')
  const [error, setError] = useState<string | null>(null)
  const candidates = useMemo(
    () => connectTargets(useWorkspace.getState().model.graph, request.from, request.to, placement),
    [placement, request],
  )

  const applyPreset = (id: string): void => {
    const preset = PORT_PRESETS.find((p) => p.id === id)
    if (!preset) return
    setPorts(preset.ports)
    setKind(preset.l7 ?? 'none')
    if (preset.l7 === 'dns') setRows([{ a: '*', b: '' }])
  }

  const from = nodeLabel(request.from, request.to)
  const to = nodeLabel(request.to, request.from)

  const submit = (): void => {
    const parsed = parsePorts(ports)
    if (typeof parsed === 'string') return setError(parsed)
    const l7 = action === 'allow' ? l7Spec(kind, rows) : undefined
    const outcome = previewGesture({
      type: 'connect',
      from: request.from,
      to: request.to,
      ports: parsed,
      ...(l7 ? { l7 } : {}),
      action,
      placement,
      mode,
      ...(policyKey ? { policyKey } : {}),
    })
    if ('error' in outcome) return setError(outcome.error)
    if (!commitOutcome(outcome)) return
    enableNodeSelectorsIfWritten()
    onClose()
  }

  return (
    <Dialog title={`${from} → ${to}`} testId="connect-dialog" wide onCancel={onClose} onSubmit={submit}>
        <fieldset className="form__group">
          <legend>Ports</legend>
          <select data-testid="connect-preset" defaultValue="" onChange={(e) => applyPreset(e.target.value)} title="Common services">
            <option value="" disabled>Preset…</option>
            {PORT_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
          <input autoFocus data-autofocus="" aria-label="ports" data-testid="connect-ports" value={ports} onChange={(e) => setPorts(e.target.value)} placeholder="TCP/8080, UDP/53 (empty: any port)" title="Protocol/port list; a range as 8000-8100; empty allows every port" />
        </fieldset>
        {action === 'allow' && <L7Rows kind={kind} rows={rows} onKind={setKind} onRows={setRows} />}
        <fieldset className="form__group">
          <legend>Rule</legend>
          <label title="Allow this traffic"><input type="radio" name="action" checked={action === 'allow'} onChange={() => setAction('allow')} data-testid="connect-allow" /> allow</label>
          <label title="Deny it, whatever else allows it (deny rules win, §4.2)"><input type="radio" name="action" checked={action === 'deny'} onChange={() => setAction('deny')} data-testid="connect-deny" /> deny</label>
        </fieldset>
        <fieldset className="form__group">
          <legend>Write it as</legend>
          <select data-testid="connect-placement" value={placement} onChange={(e) => setPlacement(e.target.value as Placement)} title="Where the rule is written">
            <option value="ingress">ingress rule on {to}</option>
            <option value="egress">egress rule on {from}</option>
            <option value="both">both</option>
          </select>
          <select data-testid="connect-policy" value={policyKey} onChange={(e) => setPolicyKey(e.target.value as PolicyKey | '')} title="An existing policy selecting that workload, or a new one">
            <option value="">{candidates.length > 0 ? 'first policy that selects it' : 'a new policy'}</option>
            {candidates.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          </select>
          <select data-testid="connect-mode" value={mode} onChange={(e) => setMode(e.target.value as PolicyMode)} title="Kind of a newly created policy">
            <option value="cnp">CiliumNetworkPolicy</option>
            <option value="knp">Kubernetes NetworkPolicy</option>
          </select>
        </fieldset>
        {error && <p className="form__error" role="alert" data-testid="connect-error">{error}</p>}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="connect-apply">Write rule</button>
        </div>
    </Dialog>
  )
}
