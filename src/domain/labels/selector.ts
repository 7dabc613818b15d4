import type { Label } from './label.ts'
import { parseLabelKey } from './label.ts'

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'

/** One requirement of a selector; `source` is `any` when the YAML key had no source prefix. */
export interface Requirement {
  readonly source: string
  readonly key: string
  readonly operator: Operator
  readonly values: readonly string[]
}

/** A normalized label selector: requirements are ANDed; an empty list matches every identity (§1.5). */
export interface Selector {
  readonly requirements: readonly Requirement[]
}

export const EMPTY_SELECTOR: Selector = { requirements: [] }

/** Builds a selector from plain matchLabels / matchExpressions values (keys go through §1.2). */
export function selectorFrom(
  matchLabels: Readonly<Record<string, string>> = {},
  matchExpressions: readonly { key: string; operator: Operator; values?: readonly string[] }[] = [],
  defaultSource = 'any',
): Selector {
  const requirements: Requirement[] = []
  for (const [raw, value] of Object.entries(matchLabels)) {
    const { source, key } = parseLabelKey(raw, defaultSource)
    requirements.push({ source, key, operator: 'In', values: [value] })
  }
  for (const e of matchExpressions) {
    const { source, key } = parseLabelKey(e.key, defaultSource)
    requirements.push({ source, key, operator: e.operator, values: [...(e.values ?? [])] })
  }
  return { requirements }
}

/** Labels indexed by key, so `any:` lookups and exact-source lookups are both one Map get. */
export class LabelIndex {
  private readonly byKey = new Map<string, Label[]>()
  constructor(readonly labels: readonly Label[]) {
    for (const l of labels) {
      const list = this.byKey.get(l.key)
      if (list) list.push(l)
      else this.byKey.set(l.key, [l])
    }
  }
  /** The label with this key, honouring the `any` source wildcard (§1.2). */
  lookup(source: string, key: string): Label | undefined {
    const list = this.byKey.get(key)
    if (!list) return undefined
    if (source === 'any') return list[0]
    return list.find((l) => l.source === source)
  }
  has(source: string, key: string): boolean {
    return this.lookup(source, key) !== undefined
  }
}

/** Whether one requirement holds for an identity (§1.5). */
export function requirementMatches(r: Requirement, labels: LabelIndex): boolean {
  const found = labels.lookup(r.source, r.key)
  switch (r.operator) {
    case 'In':
      return found !== undefined && r.values.includes(found.value)
    case 'NotIn':
      return found === undefined || !r.values.includes(found.value)
    case 'Exists':
      return found !== undefined
    case 'DoesNotExist':
      return found === undefined
  }
}

/** Whether a selector matches an identity: all requirements must hold (§1.5). */
export function selectorMatches(selector: Selector, labels: LabelIndex): boolean {
  for (const r of selector.requirements) if (!requirementMatches(r, labels)) return false
  return true
}

/** A selector's `In` single-value requirements as plain key=value pairs, when that is all it has. */
export function plainMatchLabels(selector: Selector): Map<string, { source: string; value: string }> | null {
  const out = new Map<string, { source: string; value: string }>()
  for (const r of selector.requirements) {
    if (r.operator !== 'In' || r.values.length !== 1) return null
    out.set(r.key, { source: r.source, value: r.values[0] })
  }
  return out
}

export function selectorToString(selector: Selector): string {
  if (selector.requirements.length === 0) return '{}'
  return selector.requirements
    .map((r) => {
      const k = r.source === 'any' ? r.key : `${r.source}:${r.key}`
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${k}=${r.values[0]}` : `${k} in (${r.values.join(',')})`
        case 'NotIn':
          return `${k} notin (${r.values.join(',')})`
        case 'Exists':
          return k
        case 'DoesNotExist':
          return `!${k}`
      }
    })
    .join(',')
}
