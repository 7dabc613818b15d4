/** Policy actions on a namespace or workload: each writes the rule a careful engineer would. */
import type { Gesture } from '../domain/edits/index.ts'
import type { GraphNode } from '../domain/graph/index.ts'
import { runGesture } from '../store/gesture-actions.ts'
import type { Action, ActionContext, ActionTarget } from './types.ts'

/** The targeted namespace or workload; other nodes (entities, CIDRs…) are no policy subject. */
function subjectOf(target: ActionTarget | null): GraphNode | null {
  if (target?.kind !== 'node') return null
  return target.node.kind === 'namespace' || target.node.kind === 'workload' ? target.node : null
}

function namespaceOf(node: GraphNode): string {
  return node.namespace ?? ''
}

/** An action that runs one gesture on the namespace or workload it targets. */
function nodeAction(
  decl: Pick<Action, 'id' | 'label' | 'title' | 'ask'>,
  gesture: (node: GraphNode, input: string) => Gesture,
): Action {
  return {
    ...decl,
    group: 'node',
    enabled: (ctx: ActionContext) => subjectOf(ctx.target) !== null,
    perform: (ctx: ActionContext, input: string) => {
      const subject = subjectOf(ctx.target)
      if (subject) void runGesture(gesture(subject, input))
    },
  }
}

export const NODE_ACTIONS: readonly Action[] = [
  nodeAction(
    { id: 'isolate', label: (t) => `Isolate namespace ${t?.kind === 'node' ? namespaceOf(t.node) : ''}`, title: 'Only pods of the same namespace may connect in' },
    (node) => ({ type: 'isolateNamespace', namespace: namespaceOf(node) }),
  ),
  nodeAction(
    { id: 'deny-ingress', label: 'Default-deny ingress', title: 'Nothing may connect in unless a rule allows it' },
    (node) => ({ type: 'defaultDeny', subject: node.id, direction: 'ingress' }),
  ),
  nodeAction(
    { id: 'deny-egress', label: 'Default-deny egress', title: 'Nothing may go out unless a rule allows it (remember DNS)' },
    (node) => ({ type: 'defaultDeny', subject: node.id, direction: 'egress' }),
  ),
  nodeAction(
    { id: 'allow-dns', label: 'Allow DNS to kube-dns', title: 'Egress to kube-dns on 53 through the DNS proxy, so toFQDNs rules work' },
    (node) => ({ type: 'allowDns', subject: node.id }),
  ),
  nodeAction(
    {
      id: 'allow-fqdn',
      label: 'Allow to FQDN…',
      title: 'Egress to a DNS name on TCP/443 (adds the DNS rule it needs)',
      ask: { placeholder: 'api.example.com', initial: '' },
    },
    (node, name) => ({ type: 'allowFqdn', subject: node.id, name }),
  ),
  nodeAction(
    { id: 'deny-metadata', label: 'Deny the cloud metadata endpoint', title: 'egressDeny 169.254.169.254/32 without turning on egress default deny' },
    (node) => ({ type: 'denyMetadata', subject: node.id }),
  ),
  nodeAction(
    {
      id: 'allow-scrape',
      label: 'Allow scraping from monitoring…',
      title: 'Ingress from Prometheus in the monitoring namespace',
      ask: { placeholder: 'port', initial: '9090' },
    },
    (node, port) => ({ type: 'allowScrapeFromMonitoring', subject: node.id, port }),
  ),
  nodeAction(
    { id: 'allow-apiserver', label: 'Allow kube-apiserver', title: 'Egress to the kube-apiserver entity on TCP/443 and 6443' },
    (node) => ({ type: 'allowKubeApiserver', subject: node.id }),
  ),
]
