/** Dispatches one Kubernetes object (a document, a List item or a JSON array item) by apiVersion/kind. */
import { policyKey } from '../graph/handles.ts'
import type { Ctx } from './context.ts'
import { normalizeCidrGroup } from './cidr-group.ts'
import type { CidrGroup, DocumentInfo, Policy, YamlPath } from './model.ts'
import { metaNamespace, peekHeader, requireName } from './metadata.ts'
import { normalizeCilium } from './normalize-cilium.ts'
import { normalizeKnp } from './normalize-knp.ts'
import type { YNode } from './tree.ts'
import { describe } from './tree.ts'

export type ObjectStatus = DocumentInfo['status']

export interface Collected {
  readonly policies: Policy[]
  readonly cidrGroups: CidrGroup[]
}

const CILIUM_KINDS: ReadonlySet<string> = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'])


/** Handles one object and reports what it was. */
export function handleObject(node: YNode, ctx: Ctx, path: YamlPath, out: Collected): ObjectStatus {
  if (node.t !== 'map') {
    ctx.error('not-an-object', `expected a Kubernetes object (a map with apiVersion and kind), got ${describe(node)}`, node, path)
    return 'invalid'
  }
  const h = peekHeader(node)
  const kindNode = node.entries.get('kind')?.value
  if (h.kind === undefined) {
    ctx.warn('missing-kind', 'this object has no kind, so it is not read as a policy', kindNode ?? node, [...path, 'kind'])
    return 'not-a-policy'
  }
  const group = h.apiVersion?.split('/')[0]
  const leftAlone = () => {
    ctx.info('not-a-policy', `not a network policy (kind ${h.kind}); left alone`, kindNode ?? node, [...path, 'kind'])
    return 'not-a-policy' as const
  }
  const versionCheck = (expected: readonly string[]) => {
    if (h.apiVersion === undefined) ctx.warn('api-version', `apiVersion is missing; expected ${expected[0]}`, node, [...path, 'apiVersion'])
    else if (!expected.includes(h.apiVersion)) {
      ctx.warn('api-version', `apiVersion ${h.apiVersion} is not one Cilium serves for ${h.kind}; expected ${expected.join(' or ')}`, node.entries.get('apiVersion')?.value ?? node, [...path, 'apiVersion'])
    }
  }

  if (CILIUM_KINDS.has(h.kind)) {
    if (group !== undefined && group !== 'cilium.io') return leftAlone()
    versionCheck(['cilium.io/v2'])
    const kind = h.kind as 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy'
    const name = requireName(node, ctx, path)
    const ns = metaNamespace(node, ctx, path)
    let namespace: string | null = null
    if (kind === 'CiliumNetworkPolicy') {
      namespace = ns.value ?? 'default'
      if (ns.value === undefined) ctx.info('default-namespace', 'no metadata.namespace; assuming "default" (kubectl would use the current context\'s namespace)', node.entries.get('metadata')?.value ?? node, [...path, 'metadata'])
    } else if (ns.value !== undefined) {
      ctx.info('cluster-scoped', 'metadata.namespace is ignored: CiliumClusterwideNetworkPolicy is cluster-scoped', ns.node ?? node, [...path, 'metadata', 'namespace'])
    }
    const key = policyKey(kind, namespace, name)
    const p = normalizeCilium(node, { kind, key, name, namespace }, ctx, path)
    if (!p) return 'invalid'
    out.policies.push(p)
    return 'policy'
  }
  if (h.kind === 'NetworkPolicy') {
    if (group !== undefined && group !== 'networking.k8s.io') return leftAlone()
    versionCheck(['networking.k8s.io/v1'])
    const name = requireName(node, ctx, path)
    const ns = metaNamespace(node, ctx, path)
    if (ns.value === undefined) ctx.info('default-namespace', 'no metadata.namespace; assuming "default"', node.entries.get('metadata')?.value ?? node, [...path, 'metadata'])
    const namespace = ns.value ?? 'default'
    const key = policyKey('NetworkPolicy', namespace, name)
    const p = normalizeKnp(node, key, name, namespace, ctx, path)
    if (!p) return 'invalid'
    out.policies.push(p)
    return 'policy'
  }
  if (h.kind === 'CiliumCIDRGroup') {
    if (group !== undefined && group !== 'cilium.io') return leftAlone()
    versionCheck(['cilium.io/v2alpha1', 'cilium.io/v2'])
    const g = normalizeCidrGroup(node, requireName(node, ctx, path), ctx, path)
    if (!g) return 'invalid'
    out.cidrGroups.push(g)
    return 'cidr-group'
  }
  return leftAlone()
}
