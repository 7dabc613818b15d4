/** Formatting of policy names and YAML paths for reasons (the CLI contract, DESIGN.md). */
import type { Policy, YamlPath } from '../policy/model.ts'

/** `spec.egress[0]`, `items[2].spec.ingress[1]`. */
export function formatPath(path: YamlPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? part : `.${part}`
  }
  return out
}

/** `ns/name` for namespaced policies, `name` for a CiliumClusterwideNetworkPolicy. */
export function policyDisplayName(p: Pick<Policy, 'name' | 'namespace'>): string {
  return p.namespace === null ? p.name : `${p.namespace}/${p.name}`
}
