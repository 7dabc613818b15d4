import type { Reason, SideResult } from '../../domain/engine/index.ts'
import type { TraceAnswer } from '../../domain/trace/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { editorPort } from '../../store/editor-port.ts'
import { sniDependence } from './sni-dependence.ts'

/** Selects the rule that decided: its edge when it has one, else its YAML range. */
function showReason(reason: Reason): void {
  const { model, select } = useWorkspace.getState()
  const edge = reason.elementId ? model.graph.edges.find((e) => e.elementId === reason.elementId) : undefined
  if (edge) {
    select({ kind: 'edge', id: edge.id, from: 'graph' })
    return
  }
  if (reason.origin) editorPort()?.select(reason.origin.range)
}

function ReasonLine({ reason }: { reason: Reason }): React.JSX.Element {
  const text = reason.policy === '' ? 'agent' : `${reason.kind ?? ''} ${reason.policy}`
  return (
    <li className="trace__reason">
      <span className={`trace__effect trace__effect--${reason.effect}`}>{reason.effect}</span>{' '}
      {reason.policy === '' ? (
        text
      ) : (
        <button type="button" className="link" onClick={() => showReason(reason)} title="Select this rule in the YAML and on the graph">
          {text} {reason.path}
        </button>
      )}
      {reason.detail && <span className="trace__detail"> — {reason.detail}</span>}
    </li>
  )
}

function Side({ title, side }: { title: string; side: SideResult }): React.JSX.Element {
  return (
    <div className="trace__side" data-testid={`trace-${title.split(' ')[0].toLowerCase()}`}>
      <div>
        <strong>{title}</strong> <span className={`verdict verdict--${side.verdict}`}>{side.verdict}</span>
      </div>
      <ul>
        {side.reasons.map((r, i) => (
          <ReasonLine key={i} reason={r} />
        ))}
      </ul>
    </div>
  )
}

export function TraceResult({ answer }: { answer: TraceAnswer }): React.JSX.Element {
  const { result } = answer
  const query = useEvaluation((s) => s.query)
  const policies = useWorkspace((s) => s.model.good.policies)
  const sni = sniDependence(result, query, policies)
  return (
    <div className="trace__result">
      <div className="trace__verdict">
        Verdict: <span className={`verdict verdict--${result.verdict}`} data-testid="trace-verdict">{result.verdict}</span>
      </div>
      {answer.notes.map((n) => (
        <p className="trace__note" key={n}>{n}</p>
      ))}
      {sni && (
        <p className="trace__note trace__note--sni" data-testid="trace-sni-note">
          This verdict depends on the TLS SNI: {sni.rules.join(', ')} lets through only connections whose SNI matches {sni.serverNames.join(', ')} (serverNames, §6.6); the proxy resets the others. Enter an SNI to evaluate it.
        </p>
      )}
      <Side title="Egress (source side)" side={result.egress} />
      <Side title="Ingress (destination side)" side={result.ingress} />
      {result.l7 && (
        <div className="trace__side" data-testid="trace-l7">
          <div>
            <strong>L7 {result.l7.protocol.toUpperCase()}</strong>{' '}
            <span className={`verdict verdict--${result.l7.verdict}`}>{result.l7.verdict}</span>
          </div>
          <ul>
            {result.l7.reasons.map((r, i) => (
              <ReasonLine key={i} reason={r} />
            ))}
          </ul>
        </div>
      )}
      <details>
        <summary>Full explanation</summary>
        <pre className="trace__lines">{answer.lines.join('\n')}</pre>
      </details>
    </div>
  )
}
