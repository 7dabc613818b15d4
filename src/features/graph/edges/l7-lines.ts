/**
 * Every L7 rule of a rule element as a short line, grouped by protocol, so an edge label can
 * show all of them (the graph model's `l7` is a one-line summary ending in `+N`).
 */
import type { L7Rules, Policy, PortRule } from '../../../domain/policy/model.ts'

export interface L7Group {
  /** `HTTP`, `DNS`, `kafka` or the generic parser's name. */
  readonly protocol: string
  readonly rules: readonly string[]
}

export function l7Groups(toPorts: readonly PortRule[] | null): L7Group[] {
  const groups: L7Group[] = []
  for (const pr of toPorts ?? []) {
    if (!pr.l7) continue
    const g = describe(pr.l7)
    const same = groups.find((x) => x.protocol === g.protocol)
    if (same) groups[groups.indexOf(same)] = { protocol: g.protocol, rules: unique([...same.rules, ...g.rules]) }
    else groups.push(g)
  }
  return groups
}

function describe(l7: L7Rules): L7Group {
  switch (l7.kind) {
    case 'http':
      return {
        protocol: 'HTTP',
        rules: l7.rules.length === 0 ? ['(none)'] : l7.rules.map((r) => {
          const headers = (r.headers?.length ?? 0) + (r.headerMatches?.length ?? 0)
          return [r.method ?? '*', r.path ?? '/*', r.host ? `host ${r.host}` : '', headers ? `+${headers} header${headers > 1 ? 's' : ''}` : '']
            .filter(Boolean)
            .join(' ')
        }),
      }
    case 'dns':
      return { protocol: 'DNS', rules: l7.rules.length === 0 ? ['(none)'] : l7.rules.map((r) => r.matchName ?? r.matchPattern ?? '*') }
    case 'kafka':
      return {
        protocol: 'kafka',
        rules: l7.rules.length === 0 ? ['(none)'] : l7.rules.map((r) => `${r.role ?? r.apiKey ?? 'any'} ${r.topic ?? '*'}`),
      }
    case 'generic':
      return {
        protocol: l7.l7proto,
        rules: l7.rules.length === 0 ? ['(any)'] : l7.rules.map((r) => Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' ') || '(any)'),
      }
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}

/** Finds the L7 rules behind a graph edge through its rule element id. */
export function l7Index(policies: readonly Policy[]): (elementId: string) => readonly L7Group[] | undefined {
  const byElement = new Map<string, readonly PortRule[] | null>()
  for (const p of policies) for (const r of p.rules) for (const el of r.elements) byElement.set(el.id, el.toPorts)
  const cache = new Map<string, L7Group[] | undefined>()
  return (elementId) => {
    if (!cache.has(elementId)) {
      const groups = l7Groups(byElement.get(elementId) ?? null)
      cache.set(elementId, groups.length > 0 ? groups : undefined)
    }
    return cache.get(elementId)
  }
}
