/** The palette's additions: nodes drawn on the graph, written to the YAML with their first rule. */
import { makeDraft } from '../store/drafts.ts'
import type { DraftKind } from '../store/drafts.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import type { Action } from './types.ts'

/** What the palette form collects; which fields apply depends on the kind. */
export interface DraftFields {
  readonly name: string
  readonly namespace: string
  readonly labels: string
}

export interface PaletteAction extends Action<DraftFields> {
  readonly kind: DraftKind
}

function addNode(kind: DraftKind, label: string, title: string): PaletteAction {
  return {
    id: `add-${kind}`,
    kind,
    label,
    title,
    group: 'graph',
    enabled: () => true,
    perform: (_ctx, fields) => {
      const draft = makeDraft(kind, fields)
      if (typeof draft === 'string') return draft
      useWorkspace.getState().addDraft(draft)
    },
  }
}

export const PALETTE_ACTIONS: readonly PaletteAction[] = [
  addNode('namespace', 'Namespace', 'Add a namespace box'),
  addNode('workload', 'Workload', 'Add pods with labels in a namespace'),
  addNode('entity', 'Entity', 'world, cluster, host, kube-apiserver…'),
  addNode('cidr', 'CIDR', 'An address range outside the cluster'),
  addNode('fqdn', 'FQDN', 'A DNS name or pattern (egress only)'),
  addNode('node', 'Host node', 'Nodes by label, for host firewall policies'),
]
