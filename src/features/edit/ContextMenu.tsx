/**
 * Right-click menu on nodes and edges: the node actions of the palette (isolate, default deny,
 * DNS, FQDN, metadata, scraping, apiserver) and edge actions (delete, show YAML).
 */
import { useEffect, useRef, useState } from 'react'
import type { GraphEdge, GraphNode } from '../../domain/graph/index.ts'
import type { Gesture } from '../../domain/edits/index.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

export type MenuTarget =
  | { readonly kind: 'node'; readonly node: GraphNode; readonly draft: boolean; readonly x: number; readonly y: number }
  | { readonly kind: 'edge'; readonly edge: GraphEdge; readonly x: number; readonly y: number }

interface Item {
  readonly id: string
  readonly label: string
  readonly title: string
  /** Asks for one value first (FQDN name, port) when set. */
  readonly ask?: { readonly placeholder: string; readonly initial: string }
  readonly run: (value: string) => void
}

function nodeItems(node: GraphNode, draft: boolean): Item[] {
  const items: Item[] = []
  if (draft) {
    items.push({ id: 'remove-draft', label: 'Remove from the picture', title: 'This node is not in the YAML yet', run: () => useWorkspace.getState().removeDraft(node.id) })
  }
  if (node.kind !== 'namespace' && node.kind !== 'workload') return items
  const subject = node.id
  const namespace = node.namespace ?? ''
  const g = (gesture: Gesture) => () => void runGesture(gesture)
  items.push(
    { id: 'isolate', label: `Isolate namespace ${namespace}`, title: 'Only pods of the same namespace may connect in', run: g({ type: 'isolateNamespace', namespace }) },
    { id: 'deny-ingress', label: 'Default-deny ingress', title: 'Nothing may connect in unless a rule allows it', run: g({ type: 'defaultDeny', subject, direction: 'ingress' }) },
    { id: 'deny-egress', label: 'Default-deny egress', title: 'Nothing may go out unless a rule allows it (remember DNS)', run: g({ type: 'defaultDeny', subject, direction: 'egress' }) },
    { id: 'allow-dns', label: 'Allow DNS to kube-dns', title: 'Egress to kube-dns on 53 through the DNS proxy, so toFQDNs rules work', run: g({ type: 'allowDns', subject }) },
    {
      id: 'allow-fqdn',
      label: 'Allow to FQDN…',
      title: 'Egress to a DNS name on TCP/443 (adds the DNS rule it needs)',
      ask: { placeholder: 'api.example.com', initial: '' },
      run: (name) => void runGesture({ type: 'allowFqdn', subject, name }),
    },
    { id: 'deny-metadata', label: 'Deny the cloud metadata endpoint', title: 'egressDeny 169.254.169.254/32 without turning on egress default deny', run: g({ type: 'denyMetadata', subject }) },
    {
      id: 'allow-scrape',
      label: 'Allow scraping from monitoring…',
      title: 'Ingress from Prometheus in the monitoring namespace',
      ask: { placeholder: 'port', initial: '9090' },
      run: (port) => void runGesture({ type: 'allowScrapeFromMonitoring', subject, port }),
    },
    { id: 'allow-apiserver', label: 'Allow kube-apiserver', title: 'Egress to the kube-apiserver entity on TCP/443 and 6443', run: g({ type: 'allowKubeApiserver', subject }) },
  )
  return items
}

function edgeItems(edge: GraphEdge, onDelete: (edge: GraphEdge) => void): Item[] {
  return [
    { id: 'show-yaml', label: 'Show in YAML', title: 'Select this rule in the editor', run: () => useWorkspace.getState().select({ kind: 'edge', id: edge.id, from: 'graph' }) },
    { id: 'delete', label: 'Delete rule', title: 'Remove this peer (or the whole rule) from the YAML', run: () => onDelete(edge) },
  ]
}

export function ContextMenu(props: { target: MenuTarget; onClose: () => void; onDeleteEdge: (edge: GraphEdge) => void }): React.JSX.Element {
  const { target, onClose } = props
  const items = target.kind === 'node' ? nodeItems(target.node, target.draft) : edgeItems(target.edge, props.onDeleteEdge)
  const [asking, setAsking] = useState<Item | null>(null)
  const [value, setValue] = useState('')
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [onClose])
  return (
    <div ref={ref} className="context-menu" role="menu" data-testid="context-menu" style={{ left: target.x, top: target.y }} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      {asking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (value.trim() === '') return
            asking.run(value.trim())
            onClose()
          }}
        >
          <label>
            {asking.label.replace('…', '')}
            <input autoFocus data-testid="context-menu-input" value={value} placeholder={asking.ask?.placeholder} onChange={(e) => setValue(e.target.value)} />
          </label>
          <button type="submit" data-testid="context-menu-ok">OK</button>
        </form>
      ) : items.length === 0 ? (
        <div className="context-menu__empty">No actions for this node</div>
      ) : (
        items.map((item) => (
          <button
            key={item.id}
            type="button"
            role="menuitem"
            data-testid={`menu-${item.id}`}
            title={item.title}
            onClick={() => {
              if (item.ask) {
                setAsking(item)
                setValue(item.ask.initial)
                return
              }
              item.run('')
              onClose()
            }}
          >
            {item.label}
          </button>
        ))
      )}
    </div>
  )
}
