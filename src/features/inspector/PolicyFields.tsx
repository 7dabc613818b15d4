/** Policy-level fields: name, namespace, enableDefaultDeny per direction. */
import type { Policy } from '../../domain/policy/model.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import { CommitInput } from './CommitInput.tsx'

export function PolicyFields({ policy, ruleIndex }: { policy: Policy; ruleIndex: number }): React.JSX.Element {
  const rule = policy.rules[ruleIndex]
  const setDefaultDeny = (direction: 'ingress' | 'egress', value: string): void => {
    runGesture({
      type: 'setField',
      change: { kind: 'defaultDeny', policyKey: policy.key, ruleIndex, direction, value: value === 'unset' ? null : value === 'true' },
    })
  }
  return (
    <fieldset className="form__group">
      <legend>{policy.kind}</legend>
      <label className="form__row">
        name
        <CommitInput label="Policy name" testId="inspector-policy-name" value={policy.name} onCommit={(name) => runGesture({ type: 'setField', change: { kind: 'rename', policyKey: policy.key, name } })} />
      </label>
      {policy.namespace !== null && (
        <label className="form__row">
          namespace
          <CommitInput label="Policy namespace" testId="inspector-policy-namespace" value={policy.namespace} onCommit={(namespace) => runGesture({ type: 'setField', change: { kind: 'rename', policyKey: policy.key, namespace } })} />
        </label>
      )}
      {policy.kind !== 'NetworkPolicy' && rule &&
        (['ingress', 'egress'] as const).map((direction) => (
          <label className="form__row" key={direction} title={`enableDefaultDeny.${direction}: whether this policy turns on default deny for ${direction} (unset = true when it has ${direction} rules)`}>
            default deny {direction}
            <select data-testid={`inspector-default-deny-${direction}`} value={String(rule.defaultDeny[direction])} onChange={(e) => setDefaultDeny(direction, e.target.value)}>
              <option value="true">on</option>
              <option value="false">off</option>
              <option value="unset">remove the setting (Cilium default: on)</option>
            </select>
          </label>
        ))}
    </fieldset>
  )
}
