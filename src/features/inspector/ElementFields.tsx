/** The selected rule element: allow/deny, ports, ICMP types and L7 rows, each editing the YAML. */
import type { FieldChange, HttpRow } from '../../domain/edits/index.ts'
import type { PortRule, Protocol, RuleElement } from '../../domain/policy/model.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import { CommitInput } from './CommitInput.tsx'
import { deleteWithConfirm } from '../../actions/delete-rule.ts'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'

const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP', 'ANY']
const change = (c: FieldChange): void => void runGesture({ type: 'setField', change: c })

function Ports({ element, onConfirm }: { element: RuleElement; onConfirm: (c: ConfirmRequest | null) => void }): React.JSX.Element | null {
  const ports = (element.toPorts ?? []).flatMap((pr) => pr.ports)
  if (ports.length === 0) return <p className="muted">Any port and protocol (no toPorts).</p>
  const elementId = element.id
  return (
    <fieldset className="form__group">
      <legend>Ports</legend>
      {ports.map((p, portIndex) => (
        <div className="form__row" key={portIndex} data-testid="inspector-port-row">
          <CommitInput label="port" testId={`inspector-port-${portIndex}`} className="narrow" value={p.port} onCommit={(port) => change({ kind: 'port', elementId, portIndex, port })} />
          <select aria-label="protocol" data-testid={`inspector-protocol-${portIndex}`} value={p.protocol} onChange={(e) => change({ kind: 'port', elementId, portIndex, protocol: e.target.value as Protocol })}>
            {PROTOCOLS.map((x) => <option key={x}>{x}</option>)}
          </select>
          <CommitInput
            label="endPort (range end)"
            testId={`inspector-endport-${portIndex}`}
            className="narrow"
            placeholder="endPort"
            value={p.endPort === undefined ? '' : String(p.endPort)}
            onCommit={(v) => change({ kind: 'port', elementId, portIndex, endPort: v.trim() === '' ? null : Number(v) })}
          />
          <button
            type="button"
            data-testid={`inspector-port-remove-${portIndex}`}
            title="Remove this port (the only port removes the whole rule)"
            onClick={() => onConfirm(deleteWithConfirm({ type: 'deleteEdge', elementId, portIndex }))}
          >
            ×
          </button>
        </div>
      ))}
    </fieldset>
  )
}

function Icmps({ element }: { element: RuleElement }): React.JSX.Element | null {
  if (!element.icmps) return null
  return (
    <fieldset className="form__group">
      <legend>ICMP types</legend>
      {element.icmps.map((f, index) => (
        <div className="form__row" key={index}>
          <select aria-label="family" value={f.family} onChange={(e) => change({ kind: 'icmp', elementId: element.id, op: 'edit', index, value: { family: e.target.value as 'IPv4' | 'IPv6', type: f.type } })}>
            <option>IPv4</option>
            <option>IPv6</option>
          </select>
          <CommitInput label="ICMP type" className="narrow" value={String(f.type)} onCommit={(v) => change({ kind: 'icmp', elementId: element.id, op: 'edit', index, value: { family: f.family, type: /^\d+$/.test(v) ? Number(v) : v } })} />
          <button type="button" title="Remove this ICMP type" onClick={() => change({ kind: 'icmp', elementId: element.id, op: 'remove', index })}>×</button>
        </div>
      ))}
      <button type="button" title="Allow another ICMP type" onClick={() => change({ kind: 'icmp', elementId: element.id, op: 'add', value: { family: 'IPv4', type: 8 } })}>+ ICMP type</button>
    </fieldset>
  )
}

const HTTP_FIELDS = ['method', 'path', 'host'] as const

function L7({ element, pr, toPortsIndex }: { element: RuleElement; pr: PortRule; toPortsIndex: number }): React.JSX.Element | null {
  const l7 = pr.l7
  if (!l7 || l7.kind === 'generic') return null
  const base = { kind: 'l7Row' as const, elementId: element.id, toPortsIndex, l7: l7.kind }
  const rows: Record<string, string | undefined>[] =
    l7.kind === 'http'
      ? l7.rules.map((r) => ({ method: r.method, path: r.path, host: r.host, headers: r.headers?.join(', ') }))
      : l7.kind === 'dns'
        ? l7.rules.map((r) => ({ matchPattern: r.matchPattern, matchName: r.matchName }))
        : l7.rules.map((r) => ({ role: r.role, topic: r.topic, apiKey: r.apiKey, clientID: r.clientID }))
  const fields: readonly string[] = l7.kind === 'http' ? [...HTTP_FIELDS, 'headers'] : l7.kind === 'dns' ? ['matchPattern', 'matchName'] : ['role', 'topic']
  const toRow = (row: Record<string, string | undefined>): HttpRow => {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(row)) {
      if (v === undefined || v.trim() === '') continue
      out[k] = k === 'headers' ? v.split(',').map((h) => h.trim()).filter(Boolean) : v.trim()
    }
    return out as HttpRow
  }
  return (
    <fieldset className="form__group" data-testid={`inspector-l7-${l7.kind}`}>
      <legend>{l7.kind.toUpperCase()} rules on {pr.ports.map((p) => `${p.protocol}/${p.port}`).join(', ')}</legend>
      {rows.map((row, rowIndex) => (
        <div className="form__row" key={rowIndex}>
          {fields.map((f) => (
            <CommitInput key={f} label={f} placeholder={f} testId={`inspector-l7-${rowIndex}-${f}`} value={row[f] ?? ''} onCommit={(v) => change({ ...base, op: 'edit', rowIndex, row: toRow({ ...row, [f]: v }) })} />
          ))}
          <button type="button" title="Remove this row" onClick={() => change({ ...base, op: 'remove', rowIndex })}>×</button>
        </div>
      ))}
      <button type="button" data-testid="inspector-l7-add" title="Add a rule row" onClick={() => change({ ...base, op: 'add', row: l7.kind === 'http' ? { method: 'GET', path: '/.*' } : l7.kind === 'dns' ? { matchPattern: '*' } : { role: 'consume' } })}>
        + row
      </button>
    </fieldset>
  )
}

export function ElementFields({ element, onConfirm }: { element: RuleElement; onConfirm: (c: ConfirmRequest | null) => void }): React.JSX.Element {
  return (
    <>
      <fieldset className="form__group">
        <legend>{element.direction} rule</legend>
        <label className="form__row" title="Deny rules win over every allow (§4.2); they cannot carry L7 rules">
          action
          <select data-testid="inspector-action" value={element.deny ? 'deny' : 'allow'} onChange={(e) => change({ kind: 'action', elementId: element.id, action: e.target.value as 'allow' | 'deny' })}>
            <option value="allow">allow</option>
            <option value="deny">deny</option>
          </select>
        </label>
        <p className="muted">peers: {element.peerField ?? (element.peers.length > 0 ? 'any (no peer field)' : 'none')}</p>
      </fieldset>
      <Ports element={element} onConfirm={onConfirm} />
      <Icmps element={element} />
      {(element.toPorts ?? []).map((pr, i) => <L7 key={i} element={element} pr={pr} toPortsIndex={i} />)}
    </>
  )
}
