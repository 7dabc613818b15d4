/** Trace: pick a source, a destination and a port; see the verdict per side and why. */
import { useMemo, useState } from 'react'
import type { FlowProtocol } from '../../domain/engine/index.ts'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { selectDisplayGraph } from '../../store/display-graph.ts'
import { IP_OPTION, peerFor, peerOptions } from './peer-options.ts'
import type { PeerOption } from './peer-options.ts'
import { TraceResult } from './TraceResult.tsx'

const PROTOCOLS: FlowProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMPv4', 'ICMPv6']

function PeerPicker(props: {
  label: string
  testId: string
  options: readonly PeerOption[]
  value: string
  ip: string
  onChange: (value: string, ip: string) => void
}): React.JSX.Element {
  return (
    <label className="trace__field">
      {props.label}
      <select data-testid={`${props.testId}-peer`} value={props.value} onChange={(e) => props.onChange(e.target.value, props.ip)}>
        <option value="">choose…</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {props.value === IP_OPTION && (
        <input
          data-testid={`${props.testId}-ip`}
          placeholder="10.0.0.1"
          value={props.ip}
          onChange={(e) => props.onChange(props.value, e.target.value)}
        />
      )}
    </label>
  )
}

export function TracePanel(): React.JSX.Element {
  // Palette drafts are identities built by hand: they can be traced before any rule names them.
  const graph = useWorkspace(selectDisplayGraph)
  const options = useMemo(() => peerOptions(graph), [graph])
  const { answer, error, pending, runTrace } = useEvaluation()
  const [from, setFrom] = useState({ value: '', ip: '' })
  const [to, setTo] = useState({ value: '', ip: '' })
  const [protocol, setProtocol] = useState<FlowProtocol>('TCP')
  const [port, setPort] = useState('8080')
  const [method, setMethod] = useState('')
  const [path, setPath] = useState('')
  const [dns, setDns] = useState('')
  const [sni, setSni] = useState('')
  const [formError, setFormError] = useState<string | null>(null)

  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    const src = peerFor(options, from.value, from.ip)
    const dst = peerFor(options, to.value, to.ip)
    if (!src || !dst) return setFormError('Pick a source and a destination.')
    const icmp = protocol.startsWith('ICMP')
    const n = Number(port)
    if (!Number.isInteger(n) || n < 0 || n > (icmp ? 255 : 65535)) {
      return setFormError(icmp ? 'ICMP type must be 0–255.' : 'Port must be 0–65535.')
    }
    setFormError(null)
    runTrace({
      from: src,
      to: dst,
      protocol,
      ...(icmp ? { icmpType: n } : { port: n }),
      ...(method || path ? { http: { method: method || 'GET', path: path || '/' } } : {}),
      ...(dns ? { dns } : {}),
      ...(sni.trim() ? { sni: sni.trim() } : {}),
    })
  }

  return (
    <section className="trace" data-testid="trace" aria-label="Trace">
      <form onSubmit={submit} className="trace__form">
        <PeerPicker label="From" testId="trace-from" options={options} value={from.value} ip={from.ip} onChange={(value, ip) => setFrom({ value, ip })} />
        <PeerPicker label="To" testId="trace-to" options={options} value={to.value} ip={to.ip} onChange={(value, ip) => setTo({ value, ip })} />
        <label className="trace__field" title="Transport protocol; ICMP takes a type instead of a port">
          <select data-testid="trace-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as FlowProtocol)}>
            {PROTOCOLS.map((p) => <option key={p}>{p}</option>)}
          </select>
          <input data-testid="trace-port" className="trace__port" value={port} onChange={(e) => setPort(e.target.value)} aria-label={protocol.startsWith('ICMP') ? 'ICMP type' : 'Port'} />
        </label>
        <label className="trace__field" title="Optional HTTP request, checked against L7 rules">
          HTTP
          <input data-testid="trace-http-method" className="trace__method" placeholder="GET" value={method} onChange={(e) => setMethod(e.target.value)} />
          <input data-testid="trace-http-path" placeholder="/path" value={path} onChange={(e) => setPath(e.target.value)} />
        </label>
        <label className="trace__field" title="Optional DNS query name, checked against DNS rules">
          DNS
          <input data-testid="trace-dns" placeholder="api.example.com" value={dns} onChange={(e) => setDns(e.target.value)} />
        </label>
        <label className="trace__field" title="Optional TLS server name (SNI) the client sends, checked against serverNames (§6.6); without one, a rule with serverNames leaves the verdict to the SNI">
          SNI
          <input data-testid="trace-sni" placeholder="api.example.com" value={sni} onChange={(e) => setSni(e.target.value)} />
        </label>
        <button type="submit" data-testid="trace-run" title="Evaluate this connection against the workspace">Trace</button>
      </form>
      {formError && <p className="trace__error" role="alert">{formError}</p>}
      {error && <p className="trace__error" role="alert">{error}</p>}
      {pending && !answer && <p className="trace__pending">Evaluating…</p>}
      {answer && <TraceResult answer={answer} />}
    </section>
  )
}
