/**
 * Selector checks: typos that select nothing (§1.5), labels that never reach identities (§1.3),
 * and endpoints selected by both a KNP and a Cilium policy (§8.6).
 */
import { setKey } from '../edits/splice.ts'
import type { NodeId } from '../graph/handles.ts'
import { NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, parseLabelKey } from '../labels/label.ts'
import type { Requirement, Selector } from '../labels/selector.ts'
import type { Direction, Origin, Policy, YamlPath } from '../policy/model.ts'
import type { LintContext } from './context.ts'
import type { KnownEndpoint } from './model.ts'
import { nearest } from './near-miss.ts'
import { isIdentityLabel } from '../inventory/identity.ts'
import { matchesEndpoint, namespaceOf, rules, workloadIdentity } from './walk.ts'

interface SelectorAt {
  readonly policy: Policy
  readonly selector: Selector
  readonly origin: Origin
  readonly what: string
}

/** Every pod selector of the workspace: subjects (endpointSelector/podSelector) and endpoint peers. */
function* podSelectors(ctx: LintContext): Generator<SelectorAt> {
  for (const { policy, rule } of rules(ctx.input.parse)) {
    if (rule.subject.kind === 'endpoints') yield { policy, selector: rule.subject.selector, origin: rule.subjectOrigin, what: 'This policy\'s subject' }
    for (const el of rule.elements) {
      for (const p of el.peers) if (p.kind === 'endpoints') yield { policy, selector: p.selector, origin: p.origin, what: 'This peer selector' }
    }
  }
}

/** Graph nodes that came from this YAML place (a selector node, or the workload it is drawn as). */
function nodesAt(ctx: LintContext, origin: Origin): NodeId[] {
  const key = origin.path.join('.')
  return (ctx.input.graph?.nodes ?? []).filter((n) => n.origins.some((o) => o.doc === origin.doc && o.path.join('.') === key)).map((n) => n.id)
}

/** The map holding the raw matchLabels key for a requirement (CNP selector or KNP podSelector). */
function rawLabelKey(ctx: LintContext, origin: Origin, r: Requirement): { mapPath: YamlPath; key: string } | undefined {
  for (const sub of [['matchLabels'], ['podSelector', 'matchLabels']]) {
    const mapPath = [...origin.path, ...sub]
    const map = ctx.ws.node(origin.doc, mapPath)
    if (map?.t !== 'map') continue
    for (const raw of map.entries.keys()) {
      const parsed = parseLabelKey(raw)
      if (parsed.key === r.key) return { mapPath, key: raw }
    }
  }
  return undefined
}

const withValue = (s: Selector, r: Requirement, value: string): Selector => ({
  requirements: s.requirements.map((q) => (q === r ? { ...q, values: [value] } : q)),
})

const plain = (r: Requirement): string => `${r.key}: ${r.values[0] ?? ''}`

export function checkSelectsNothing(ctx: LintContext): void {
  const known = ctx.input.endpoints
  if (known === undefined || known.length === 0) return
  for (const s of podSelectors(ctx)) {
    if (s.selector.requirements.some((r) => r.source === 'reserved')) continue
    if (known.some((e) => matchesEndpoint(s.selector, e))) continue
    const ns = namespaceOf(s.selector)
    const pool = ns === undefined ? known : known.filter((e) => e.namespace === ns)
    const suggestions: { r: Requirement; value: string }[] = []
    for (const r of s.selector.requirements) {
      if (r.operator !== 'In' || r.values.length !== 1 || r.key === NAMESPACE_KEY) continue
      const values = pool.flatMap((e) => e.labels.filter((l) => l.key === r.key).map((l) => l.value))
      for (const v of nearest(r.values[0], values)) {
        if (pool.some((e) => matchesEndpoint(withValue(s.selector, r, v), e))) suggestions.push({ r, value: v })
      }
    }
    const where = ns !== undefined ? ` in namespace ${ns}` : ''
    const first = suggestions[0]
    const hint = first ? ` Did you mean ${first.r.key}: ${first.value} (instead of ${plain(first.r)})?` : ''
    const raw = first ? rawLabelKey(ctx, s.origin, first.r) : undefined
    ctx.add({
      code: 'selector-matches-nothing', policy: s.policy, range: s.origin.range, path: s.origin.path,
      message: `${s.what} selects no known endpoint${where} (of ${known.length} from the loaded inventory and flows), so it silently applies to nothing.${hint}`,
      nodes: nodesAt(ctx, s.origin),
      ...(first && raw && {
        fix: (t) => {
          setKey(t, raw.mapPath, raw.key, first.value)
          return `Change ${first.r.key} to ${first.value}`
        },
      }),
    })
  }
}

/** Keys Cilium adds or derives itself; they are in identities even though they look like k8s ones. */
const ciliumKey = (key: string): boolean => key === NAMESPACE_KEY || key.startsWith('io.cilium.k8s') || key.startsWith(NAMESPACE_LABELS_PREFIX)

export function checkIdentityLabels(ctx: LintContext): void {
  for (const s of podSelectors(ctx)) {
    for (const r of s.selector.requirements) {
      if ((r.source !== 'k8s' && r.source !== 'any') || ciliumKey(r.key) || isIdentityLabel(r.key)) continue
      // DoesNotExist / NotIn on a dropped label are always true: harmless, if pointless.
      if (r.operator === 'DoesNotExist' || r.operator === 'NotIn') continue
      const raw = rawLabelKey(ctx, s.origin, r)
      ctx.add({
        code: 'label-not-in-identity', policy: s.policy, range: s.origin.range, path: s.origin.path,
        message: `${s.what} requires the label ${r.key}, which Cilium drops from security identities, so it never matches any pod.`,
        nodes: nodesAt(ctx, s.origin),
        ...(raw && {
          fix: (t) => {
            const map = t.ws.node(t.doc, raw.mapPath)
            if (map?.t === 'map' && map.entries.size === 1) throw new Error('removing the only label would select every pod')
            const entry = map?.t === 'map' ? map.entries.get(raw.key) : undefined
            if (!entry) throw new Error('label not found')
            // Whole line of the key (block style only; flow style falls to the catch and offers no fix).
            const text = t.ws.text
            const start = text.lastIndexOf('\n', entry.keyRange.start) + 1
            if (text.slice(start, entry.keyRange.start).trim() !== '') throw new Error('not block style')
            const end = text.indexOf('\n', entry.value.range.end)
            t.b.replace(start, end < 0 ? text.length : end + 1, '')
            return `Remove ${r.key} from the selector`
          },
        }),
      })
    }
  }
}

/** Identities to test for "selected by both kinds": known endpoints, else the workloads the graph drew. */
function candidates(ctx: LintContext): KnownEndpoint[] {
  if (ctx.input.endpoints && ctx.input.endpoints.length > 0) return [...ctx.input.endpoints]
  return (ctx.input.graph?.nodes ?? []).filter((n) => n.kind === 'workload' && n.namespace !== undefined)
    .map((n) => workloadIdentity(n.namespace as string, n.labels ?? {}))
}

const label = (e: KnownEndpoint): string =>
  e.labels.filter((l) => l.key !== NAMESPACE_KEY && !ciliumKey(l.key) && l.source !== 'reserved').map((l) => `${l.key}=${l.value}`).join(',') || 'every pod'

export function checkMixedKinds(ctx: LintContext): void {
  const seen = new Set<string>()
  for (const ep of candidates(ctx)) {
    for (const d of ['ingress', 'egress'] as Direction[]) {
      const knp: Policy[] = []
      const cilium: Policy[] = []
      for (const { policy, rule } of rules(ctx.input.parse)) {
        if (rule.subject.kind !== 'endpoints' || !rule.elements.some((e) => e.direction === d)) continue
        if (policy.namespace !== null && policy.namespace !== ep.namespace) continue
        if (!matchesEndpoint(rule.subject.selector, ep)) continue
        const list = policy.kind === 'NetworkPolicy' ? knp : cilium
        if (!list.includes(policy)) list.push(policy)
      }
      if (knp.length === 0 || cilium.length === 0) continue
      const k = knp[0]
      const c = cilium[0]
      const key = `${k.key}|${c.key}|${d}`
      if (seen.has(key)) continue
      seen.add(key)
      ctx.add({
        code: 'mixed-kinds-selecting-endpoint', policy: k, range: k.rules[0].subjectOrigin.range, path: k.rules[0].subjectOrigin.path,
        message: `NetworkPolicy ${k.name} and ${c.kind} ${c.name} both select ${label(ep)}${ep.namespace ? ` in ${ep.namespace}` : ''} on ${d}: their allows add up (neither narrows the other), and any Cilium deny still wins.`,
        nodes: [...new Set([...ctx.subjects(k), ...ctx.subjects(c)])],
      })
    }
  }
}
