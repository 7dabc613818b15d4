/** `deleteEdge`: removes a peer, a port, or the whole rule element behind a graph edge. */
import { scopedName } from '../graph/handles.ts'
import { plainLabels, selectorScope } from '../graph/selector-scope.ts'
import type { ParseResult, Policy, Rule, YamlPath } from '../policy/model.ts'
import type { Planned } from './connect.ts'
import type { Located } from './locate.ts'
import { locateElement } from './locate.ts'
import type { DeleteEdgeGesture } from './gestures.ts'
import type { EndpointRef } from './nodes.ts'
import { displayName, enforces, rulesSelecting } from './nodes.ts'
import type { Target } from './splice.ts'
import { removeDocument, removeItem, removeKey } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { WriteError } from './writer.ts'

const SECTIONS = ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const

export type { Located }

/** The element with this id, with its policy and rule; a WriteError when the text lost it. */
export function findElement(parse: ParseResult, id: string): Located {
  const found = locateElement(parse, id)
  if (!found) throw new WriteError('that rule is no longer in the text; it may have been edited meanwhile')
  return found
}

/** The workload / namespace a rule selects, when it is one drawable thing. */
export function subjectRef(policy: Policy, rule: Rule): EndpointRef | null {
  if (rule.subject.kind !== 'endpoints') return null
  const scope = selectorScope(rule.subject.selector)
  const ns = scope.namespace ?? policy.namespace
  const plain = plainLabels(scope.rest)
  if (ns === null || plain === null || scope.anyNamespace) return null
  return Object.keys(plain).length > 0 ? { kind: 'workload', namespace: ns, labels: plain } : { kind: 'namespace', namespace: ns }
}

const parentOf = (p: YamlPath): YamlPath => p.slice(0, -1)
const lastIndex = (p: YamlPath): number | null => (typeof p[p.length - 1] === 'number' ? (p[p.length - 1] as number) : null)

/** Plans a deleteEdge gesture. */
export function planDeleteEdge(ws: Workspace, b: EditBuilder, parse: ParseResult, g: DeleteEdgeGesture): Planned {
  const loc = findElement(parse, g.elementId)
  const { element } = loc
  const t: Target = { ws, b, doc: element.origin.doc }
  if (g.portIndex !== undefined) {
    const flat = (element.toPorts ?? []).flatMap((pr) => pr.ports.map((port) => ({ pr, port })))
    const hit = flat[g.portIndex]
    if (!hit) throw new WriteError(`the rule has no port #${g.portIndex + 1}`)
    const portIdx = lastIndex(hit.port.origin.path)
    const prIdx = lastIndex(hit.pr.origin.path)
    if (flat.length > 1 && hit.pr.ports.length > 1 && portIdx !== null) {
      removeItem(t, parentOf(hit.port.origin.path), portIdx)
      return { description: `Removed ${hit.port.protocol}/${hit.port.port} from ${where(loc)}` }
    }
    if (flat.length > 1 && prIdx !== null) {
      removeItem(t, parentOf(hit.pr.origin.path), prIdx)
      return { description: `Removed ${hit.port.protocol}/${hit.port.port} from ${where(loc)}` }
    }
    // The only port: removing it would widen the rule to every port (§6.3), so the rule goes.
  } else if (g.peerIndex !== undefined && element.peers.length > 1) {
    const peer = element.peers[g.peerIndex]
    if (!peer) throw new WriteError(`the rule has no peer #${g.peerIndex + 1}`)
    const i = lastIndex(peer.origin.path)
    const seq = ws.node(t.doc, parentOf(peer.origin.path))
    if (i !== null && seq?.t === 'seq' && seq.items.length > 1) {
      removeItem(t, parentOf(peer.origin.path), i)
      return { description: `Removed one peer from ${where(loc)}` }
    }
  }
  return removeElement(ws, t, parse, loc)
}

function where(loc: Located): string {
  return `${scopedName(loc.policy.namespace, loc.policy.name)} ${loc.element.origin.path.join('.')}`
}

/** Removes an element; an emptied list loses its key, an emptied policy its document. */
export function removeElement(ws: Workspace, t: Target, parse: ParseResult, loc: Located): Planned {
  const { policy, element } = loc
  const path = element.origin.path
  const idx = lastIndex(path)
  const seqPath = parentOf(path)
  const seq = ws.node(t.doc, seqPath)
  if (idx === null || seq?.t !== 'seq') throw new WriteError('this rule is not a list item; edit it in the text')
  const warning = openWarning(parse, loc)
  const base = `Removed ${where(loc)}`
  if (seq.items.length > 1) {
    removeItem(t, seqPath, idx)
    return { description: base, ...(warning && { warning }) }
  }
  const rulePath = parentOf(seqPath)
  const section = String(seqPath[seqPath.length - 1])
  const ruleMap = ws.node(t.doc, rulePath)
  const others = ruleMap?.t === 'map' ? SECTIONS.filter((s) => s !== section && ruleMap.entries.has(s)).length : 1
  if (others > 0 || policy.kind === 'NetworkPolicy') {
    removeKey(t, rulePath, section)
    return { description: base, ...(warning && { warning }) }
  }
  // Cilium rejects a rule with no sections (§0, Jan 2025): drop the rule, or the whole policy.
  const ruleIdx = lastIndex(rulePath)
  const specs = ruleIdx !== null ? ws.node(t.doc, parentOf(rulePath)) : undefined
  const gone = scopedName(policy.namespace, policy.name)
  if (ruleIdx !== null && specs?.t === 'seq' && specs.items.length > 1) {
    removeItem(t, parentOf(rulePath), ruleIdx)
    return { description: `${base} and its now empty rule`, ...(warning && { warning }) }
  }
  const objIdx = lastIndex(policy.origin.path)
  if (objIdx !== null) removeItem(t, parentOf(policy.origin.path), objIdx)
  else removeDocument(ws, t.b, policy.origin.doc)
  const note = `policy ${gone} had no other rules, so it was removed`
  return { description: `${base}; ${note}`, warning: warning ? `${warning}; ${note}` : note }
}

/** §3.2: the last element of a direction may be what keeps that direction default-deny. */
function openWarning(parse: ParseResult, loc: Located): string | undefined {
  const { policy, rule, element } = loc
  const dir = element.direction
  if (policy.kind === 'NetworkPolicy' || !rule.defaultDeny[dir]) return undefined
  if (rule.elements.some((e) => e !== element && e.direction === dir)) return undefined
  const subject = subjectRef(policy, rule)
  if (!subject) return `removing this rule may open ${dir} for the pods of ${policy.name}: check that another policy still selects them on ${dir}`
  const others = rulesSelecting(parse, subject).filter((r) => r.rule !== rule && enforces(r.rule, dir))
  if (others.length > 0) return undefined
  return `removing this rule leaves ${displayName(subject)} ${dir} open: no other rule selects it on ${dir}`
}
