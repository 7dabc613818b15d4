/**
 * What the editing dialogs offer before a gesture is written: where the connect dialog puts a
 * rule by default, which existing policies it may write into, and which policies' subject
 * labels the inspector lets you edit. The dialogs only show these choices and send the gesture.
 */
import type { NodeId, PolicyKey } from '../graph/handles.ts'
import { canHavePolicy, isHostId, parsePolicyKey, scopedName } from '../graph/handles.ts'
import type { GraphModel, GraphNode } from '../graph/model.ts'
import type { ParseResult } from '../policy/model.ts'
import type { Placement, PolicyMode, SetFieldGesture } from './gestures.ts'
import { parseLabelText } from './label-text.ts'

/** A policy a dialog offers, with the name it shows (`shop/backend`). */
export interface PolicyChoice {
  readonly key: PolicyKey
  readonly label: string
}

/** `<namespace or _cluster>/<name>` of a policy key; the key itself should it not parse. */
export function policyChoice(key: PolicyKey): PolicyChoice {
  const k = parsePolicyKey(key)
  return { key, label: k === null ? key : scopedName(k.namespace, k.name) }
}

/** Keys of the policies whose rules select the node (build-graph's record), in workspace order. */
export function policiesSelecting(graph: Pick<GraphModel, 'policySubjects'>, node: string): PolicyKey[] {
  const subjects = graph.policySubjects ?? {}
  return (Object.keys(subjects) as PolicyKey[]).filter((k) => subjects[k].some((id) => id === node))
}

/** Ingress on the destination, unless only the source can carry the rule (world, CIDR, FQDN targets). */
export function defaultPlacement(from: NodeId, to: NodeId): Placement {
  return !canHavePolicy(to) && canHavePolicy(from) ? 'egress' : 'ingress'
}

/**
 * The existing policies the connect dialog offers to write into: those selecting the side the
 * rule goes on (none for `both`, where each side finds its own). Cluster-wide policies are offered
 * only for host nodes: a CCNP selecting pods usually selects many more than the one workload.
 */
export function connectTargets(graph: Pick<GraphModel, 'policySubjects'>, from: NodeId, to: NodeId, placement: Placement): PolicyChoice[] {
  if (placement === 'both') return []
  const subject = placement === 'ingress' ? to : from
  const host = isHostId(subject)
  return policiesSelecting(graph, subject)
    .filter((k) => host || parsePolicyKey(k)?.kind !== 'CiliumClusterwideNetworkPolicy')
    .map(policyChoice)
}

/** A workspace written only in Kubernetes NetworkPolicies gets one more of those; otherwise a CNP. */
export function defaultMode(parse: Pick<ParseResult, 'policies'>): PolicyMode {
  return parse.policies.length > 0 && parse.policies.every((p) => p.kind === 'NetworkPolicy') ? 'knp' : 'cnp'
}

/** The connect dialog's first choices for a drag from `from` to `to` (a request may preset some). */
export function connectDefaults(
  parse: Pick<ParseResult, 'policies'>,
  request: { readonly from: NodeId; readonly to: NodeId; readonly placement?: Placement; readonly policyKey?: PolicyKey },
): { placement: Placement; mode: PolicyMode; policyKey: PolicyKey | null } {
  return {
    placement: request.placement ?? defaultPlacement(request.from, request.to),
    mode: defaultMode(parse),
    policyKey: request.policyKey ?? null,
  }
}

/** The policies whose subject labels the inspector offers to edit for a node: a workload's selecting policies. */
export function subjectLabelTargets(graph: Pick<GraphModel, 'policySubjects'>, node: Pick<GraphNode, 'id' | 'kind'>): PolicyChoice[] {
  return node.kind === 'workload' ? policiesSelecting(graph, node.id).map(policyChoice) : []
}

/** The gesture that re-targets a policy to labels typed in the inspector, or why the text is not labels. */
export function subjectLabelsGesture(policyKey: PolicyKey, text: string): SetFieldGesture | { readonly error: string } {
  const labels = parseLabelText(text)
  if (!labels || Object.keys(labels).length === 0) return { error: 'Labels look like app=backend,tier=api.' }
  return { type: 'setField', change: { kind: 'subjectLabels', policyKey, labels } }
}
