/**
 * The Rollout panel's one-click steps, as workspace changes: draft allow policies (the Generate
 * dialog, scoped), add the namespace's default deny with the namespace in audit mode (the text
 * as one undoable edit, the audit scope in the workspace settings), and enforce (drop the scope).
 */
import { defaultDenyPolicy } from '../../domain/rollout/index.ts'
import type { NamespaceRollout } from '../../domain/rollout/index.ts'
import { toggleAuditScope } from '../../domain/settings/index.ts'
import { useRollout } from '../../store/rollout-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { appendDocuments } from '../../store/append-documents.ts'

export function setNamespaceAudit(namespace: string, on: boolean): void {
  const ws = useWorkspace.getState()
  ws.setSettings({ auditScope: toggleAuditScope(ws.settings.auditScope, 'namespace', namespace, on) })
}

export function setWorkloadAudit(workload: string, on: boolean): void {
  const ws = useWorkspace.getState()
  ws.setSettings({ auditScope: toggleAuditScope(ws.settings.auditScope, 'workload', workload, on) })
}

/** A policy name not yet used in the namespace. */
function freeName(namespace: string, base: string): string {
  const taken = new Set(useWorkspace.getState().model.parse.policies.filter((p) => p.namespace === namespace).map((p) => p.name))
  let name = base
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`
  return name
}

export function runNextStep(ns: NamespaceRollout): void {
  switch (ns.next.kind) {
    case 'draft':
      useRollout.getState().requestDraft({ namespace: ns.namespace })
      return
    case 'default-deny-audit': {
      const name = freeName(ns.namespace, 'default-deny')
      setNamespaceAudit(ns.namespace, true)
      appendDocuments(defaultDenyPolicy(ns.namespace, name), `Added ${ns.namespace}/${name} (default deny) with ${ns.namespace} in audit mode: would-be drops show as AUDIT.`)
      return
    }
    case 'enforce':
      setNamespaceAudit(ns.namespace, false)
      useWorkspace.getState().notify({ kind: 'info', text: `${ns.namespace} is enforced: its audit mode is off.` })
      return
    case 'load-flows':
    case 'done':
      return
  }
}
