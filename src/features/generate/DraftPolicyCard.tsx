/** One drafted policy in the review: its rules with the flows each covers, and the YAML to insert. */
import { useState } from 'react'
import type { DraftPolicyView } from '../../store/rollout-store.ts'

export function DraftPolicyCard({ policy }: { readonly policy: DraftPolicyView }): React.JSX.Element {
  const [yaml, setYaml] = useState(false)
  return (
    <article className="draft-card" data-testid="generate-policy" data-policy={`${policy.namespace}/${policy.name}`}>
      <header className="draft-card__head">
        <span className="draft-card__add">+ new</span>
        <strong>{policy.namespace}/{policy.name}</strong>
        <span className="draft-card__for">for {policy.workload}</span>
        <button type="button" className="draft-card__toggle" aria-expanded={yaml} onClick={() => setYaml(!yaml)}>{yaml ? 'Rules' : 'YAML'}</button>
      </header>
      {yaml ? (
        <pre className="draft-card__yaml" data-testid="generate-yaml">{policy.yaml}</pre>
      ) : (
        <ul className="draft-card__rules">
          {policy.rules.map((r, i) => (
            <li key={i} data-testid="generate-rule">
              <span className={`draft-card__dir draft-card__dir--${r.direction}`}>{r.direction}</span> {r.summary}
              <span className="draft-card__covers" title={r.flows.join('\n')}> — covers {r.count} flow{r.count === 1 ? '' : 's'}: {r.flows.slice(0, 2).join('; ')}{r.count > 2 ? '; …' : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
