/** A small form that appends one expectation entry (the same YAML a person would write). */
import { useState } from 'react'
import { useWorkspace } from '../../store/workspace-store.ts'

/** A YAML scalar: quoted unless plainly safe. */
const scalar = (s: string): string => (/^[A-Za-z0-9_./:=,*-]+$/.test(s) && !/^[-:]/.test(s) ? s : JSON.stringify(s))

export function AddExpectation({ onAdd }: { readonly onAdd: (entry: string) => void }): React.JSX.Element {
  const nodes = useWorkspace((s) => s.displayGraph.nodes)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [port, setPort] = useState('8080/TCP')
  const [expect, setExpect] = useState<'allowed' | 'denied' | 'audit'>('allowed')
  const [http, setHttp] = useState('')
  const peers = nodes.flatMap((n) => {
    if (n.kind === 'workload' && n.namespace !== undefined && n.labels) return [`${n.namespace}:${Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(',')}`]
    if (n.kind === 'entity') return [`entity:${n.label}`]
    return []
  })
  const add = (): void => {
    if (from.trim() === '' || to.trim() === '' || port.trim() === '') return
    onAdd([`- from: ${scalar(from.trim())}`, `  to: ${scalar(to.trim())}`, `  port: ${scalar(port.trim())}`, ...(http.trim() !== '' ? [`  http: ${scalar(http.trim())}`] : []), `  expect: ${expect}`, ''].join('\n'))
    setFrom('')
    setTo('')
    setHttp('')
  }
  return (
    <fieldset className="add-expectation" data-testid="add-expectation">
      <legend>Add an expectation</legend>
      <datalist id="expectation-peers">{peers.map((p) => <option key={p} value={p} />)}</datalist>
      <div className="add-expectation__ends">
        <input aria-label="from" placeholder="from: ns:app=x, entity:world" list="expectation-peers" data-testid="expectation-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        <input aria-label="to" placeholder="to: ns:app=y" list="expectation-peers" data-testid="expectation-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="add-expectation__row">
        <input aria-label="port" className="add-expectation__port" placeholder="8080/TCP" data-testid="expectation-port" value={port} onChange={(e) => setPort(e.target.value)} />
        <input aria-label="HTTP request (optional)" className="add-expectation__http" placeholder="GET /path (opt.)" value={http} onChange={(e) => setHttp(e.target.value)} />
        <select aria-label="expect" data-testid="expectation-expect" value={expect} onChange={(e) => setExpect(e.target.value as typeof expect)}>
          <option value="allowed">allowed</option>
          <option value="denied">denied</option>
          <option value="audit">audit</option>
        </select>
        <button type="button" data-testid="expectation-add" onClick={add}>Add</button>
      </div>
    </fieldset>
  )
}
