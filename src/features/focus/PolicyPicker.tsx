import { memo } from 'react'
import type { Policy, PolicyKind } from '../../domain/policy/model.ts'

const SHORT: Record<PolicyKind, string> = {
  CiliumNetworkPolicy: 'CNP',
  CiliumClusterwideNetworkPolicy: 'CCNP',
  NetworkPolicy: 'KNP',
}

/** One option per policy; values are policy keys so scripts and tests can pick by key. */
export const PolicyPicker = memo(function PolicyPicker({
  policies,
  value,
  onChange,
}: {
  policies: readonly Policy[]
  value: string | null
  onChange: (key: string) => void
}) {
  return (
    <label className="focus-picker">
      <span>Policy</span>
      <select
        data-testid="focus-policy"
        value={value ?? ''}
        disabled={policies.length === 0}
        onChange={(e) => onChange(e.target.value)}
      >
        {policies.map((p) => (
          <option key={p.key} value={p.key}>
            {`${p.namespace === null ? '' : `${p.namespace}/`}${p.name} (${SHORT[p.kind]})`}
          </option>
        ))}
      </select>
    </label>
  )
})
