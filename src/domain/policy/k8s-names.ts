/**
 * Names, namespaces and labels as the Kubernetes API server validates them
 * (k8s.io/apimachinery validation: IsDNS1123Subdomain, IsDNS1123Label, IsQualifiedName,
 * IsValidLabelValue). `kubectl apply --dry-run=server` refuses an object that fails these, so a
 * draft that passes here but not there would mislead; and a namespace `"><svg onload=…>` is
 * never a name anything should carry further. Each check returns the reason, or undefined.
 * Lengths are checked before the patterns, so a megabyte name costs no regexp work.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
/** The name part of a qualified name (label key) and a label value share this shape. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/

/** How a rejected value is quoted in a message: short, so the message stays small. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value)
}

/** metadata.name of a namespaced or cluster-scoped object: a DNS-1123 subdomain, at most 253 characters. */
export function objectNameProblem(name: string): string | undefined {
  if (name.length > 253) return `must be at most 253 characters (got ${name.length})`
  if (!DNS1123_SUBDOMAIN.test(name)) return 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit'
  return undefined
}

/** A namespace: a DNS-1123 label, at most 63 characters. */
export function namespaceProblem(ns: string): string | undefined {
  if (ns.length > 63) return `must be at most 63 characters (got ${ns.length})`
  if (!DNS1123_LABEL.test(ns)) return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit'
  return undefined
}

/** A label key: an optional DNS-1123 subdomain prefix (≤ 253) and `/`, then a name of at most 63 characters. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/')
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined
  const name = slash >= 0 ? key.slice(slash + 1) : key
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix before "/" must not be empty'
    if (prefix.length > 253) return `the prefix before "/" must be at most 253 characters (got ${prefix.length})`
    if (!DNS1123_SUBDOMAIN.test(prefix)) return 'the prefix before "/" must be a DNS-1123 subdomain (lowercase letters, digits, "-", ".")'
  }
  if (name.length === 0) return 'the name part must not be empty'
  if (name.length > 63) return `the name part must be at most 63 characters (got ${name.length})`
  if (!QUALIFIED_NAME.test(name)) return 'the name part may hold only letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
  return undefined
}

/** A label value: empty, or at most 63 letters, digits, `-`, `_`, `.`, starting and ending with a letter or digit. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined
  if (value.length > 63) return `must be at most 63 characters (got ${value.length})`
  if (!QUALIFIED_NAME.test(value)) return 'may hold only letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
  return undefined
}
