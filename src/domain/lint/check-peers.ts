/** What empty and missing peer lists really do (§2.4, §2.5, §8.3). */
import { setKey } from '../edits/splice.ts'
import { edgeId } from '../graph/handles.ts'
import type { Policy } from '../policy/model.ts'
import type { YNode } from '../policy/tree.ts'
import type { LintContext } from './context.ts'
import { elements } from './walk.ts'

const scopeOf = (policy: Policy): string =>
  policy.kind === 'CiliumClusterwideNetworkPolicy' ? 'every pod in every namespace' : `every pod in namespace ${policy.namespace ?? '?'}`

const isEmptyMap = (n: YNode | undefined): boolean => n?.t === 'map' && n.entries.size === 0
/** `- {}` or a bare `-` (null): the element itself says nothing. */
const isBlank = (n: YNode | undefined): boolean => isEmptyMap(n) || (n?.t === 'scalar' && n.value === null)

export function checkEmptyPeers(ctx: LintContext): void {
  for (const { policy, element } of elements(ctx.input.parse)) {
    const doc = element.origin.doc
    const node = ctx.ws.node(doc, element.origin.path)
    // KNP elements synthesized from policyTypes point at policyTypes, not at a rule map.
    if (node === undefined || (node.t !== 'map' && !isBlank(node))) continue
    const knp = policy.kind === 'NetworkPolicy'
    const section = element.origin.path.slice(-2).join('[') + ']'
    if (isBlank(node)) {
      if (knp) {
        ctx.add({
          code: 'empty-peers-list', policy, element,
          message: `${section}: {} in a NetworkPolicy allows ${element.direction === 'ingress' ? 'every source' : 'every destination'} on every port — pods of all namespaces, the host and the internet.`,
        })
      } else if (!element.deny) {
        ctx.add({
          code: 'empty-peers-list', policy, element, severity: 'info',
          message: `${section}: {} allows nothing: it only turns on default deny for ${element.direction} (the canonical "deny all"). In a NetworkPolicy the same {} would allow everything.`,
        })
      }
      continue
    }
    if (element.peerField === null) continue
    const list = ctx.ws.node(doc, [...element.origin.path, element.peerField])
    if (list?.t === 'seq' && list.items.length === 0) {
      if (knp) {
        ctx.add({
          code: 'empty-peers-list', policy, element,
          message: `${element.peerField}: [] in a NetworkPolicy means every ${element.direction === 'ingress' ? 'source' : 'destination'}, the internet included — not none.`,
        })
      } else if (element.toPorts === null && element.icmps === null && !element.deny) {
        // Nothing else written: a deliberate deny-all, said in a roundabout way.
        ctx.add({
          code: 'empty-peers-list', policy, element, severity: 'info',
          message: `${element.peerField}: [] selects nothing: this element only turns on default deny for ${element.direction} (a deny-all). \`- {}\` says the same plainly; [{}] would mean ${scopeOf(policy)}.`,
        })
      } else {
        ctx.add({
          code: 'empty-peers-list', policy, element,
          message: `${element.peerField}: [] selects nothing: this element ${element.deny ? 'denies' : 'allows'} nothing, yet it still turns on default deny for ${element.direction}. Use [{}] for ${scopeOf(policy)}, or remove the element.`,
        })
      }
      continue
    }
    if (knp || (element.peerField !== 'fromEndpoints' && element.peerField !== 'toEndpoints') || list?.t !== 'seq') continue
    element.peers.forEach((p, i) => {
      if (p.kind !== 'endpoints' || !isEmptyMap(ctx.ws.node(doc, p.origin.path))) return
      ctx.add({
        code: 'empty-peers-list', policy, element, severity: 'info', range: p.origin.range, path: p.origin.path,
        edges: [edgeId(element.id, i)],
        message: `${element.peerField}: [{}] means ${scopeOf(policy)} — not the host, the internet (world) or other cluster entities.`,
      })
    })
  }
}

export function checkPortsWithoutPeers(ctx: LintContext): void {
  for (const { policy, element } of elements(ctx.input.parse)) {
    if (element.deny || element.toPorts === null || !element.peers.some((p) => p.kind === 'wildcard')) continue
    const node = ctx.ws.node(element.origin.doc, element.origin.path)
    if (node?.t !== 'map' || node.entries.size === 0) continue
    const knp = policy.kind === 'NetworkPolicy'
    const ports = element.toPorts.flatMap((pr) => pr.ports.map((p) => `${p.protocol}/${p.port}`)).join(', ')
    const field = element.direction === 'ingress' ? 'fromEntities' : 'toEntities'
    ctx.add({
      code: 'ports-without-peers', policy, element,
      message: `${knp ? 'ports' : 'toPorts'} without any peer admits every identity on ${ports || 'these ports'}: pods of every namespace, the host and the internet (world).`,
      ...(!knp && {
        fix: (t) => {
          setKey(t, element.origin.path, field, ['cluster'])
          return `Limit to the cluster (${field}: [cluster])`
        },
      }),
    })
  }
}
