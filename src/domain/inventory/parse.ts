/**
 * `kubectl get pods,namespaces[,services,nodes] -A -o json|yaml` output → `Inventory`.
 * Accepts a `List`, typed lists (`PodList`…), single objects, several JSON/YAML documents.
 * Never throws: problems are returned with line/column where the text has one.
 */
import { LineCounter, parseAllDocuments } from 'yaml'
import { aliasBudget, yamlAliasProblem, yamlNestingProblem } from '../policy/index.ts'
import type { AliasBudget } from '../policy/index.ts'
import { podIdentityLabels } from './identity.ts'
import { isObj, toNamespace, toNode, toPod, toService } from './k8s.ts'
import type { RawPod } from './k8s.ts'
import type { InventoryNamespace, InventoryNode, InventoryParseResult, InventoryPod, InventoryProblem,
  InventoryService } from './model.ts'

export interface InventoryOptions {
  /** Cluster name for the `io.cilium.k8s.policy.cluster` identity label; omitted when unset. */
  readonly clusterName?: string
}

/** Parses one or more inventory texts (e.g. a pods dump and a namespaces dump) into one inventory. */
export function parseInventory(texts: string | readonly string[], options: InventoryOptions = {}): InventoryParseResult {
  const problems: InventoryProblem[] = []
  const objects: { readonly [key: string]: unknown }[] = []
  const list = typeof texts === 'string' ? [texts] : texts
  const budget = aliasBudget() // one alias budget for all the inventory's files
  list.forEach((text, input) => {
    const own: InventoryProblem[] = []
    try {
      for (const value of readDocuments(text, own, budget)) collect(value, undefined, objects)
    } catch (e) {
      own.push({ severity: 'error', message: `could not read inventory: ${String(e)}` })
    }
    for (const p of own) problems.push(list.length > 1 ? { ...p, input } : p)
  })
  const namespaces = new Map<string, InventoryNamespace>()
  const raws: RawPod[] = []
  const services: InventoryService[] = []
  const nodes: InventoryNode[] = []
  let ignored = 0
  for (const o of objects) {
    switch (o.kind) {
      case 'Namespace': {
        const ns = toNamespace(o)
        if (ns) namespaces.set(ns.name, ns)
        break
      }
      case 'Pod': {
        const p = toPod(o)
        if (p) raws.push(p)
        break
      }
      case 'Service': {
        const s = toService(o)
        if (s) services.push(s)
        break
      }
      case 'Node': {
        const n = toNode(o)
        if (n) nodes.push(n)
        break
      }
      default:
        ignored++
    }
  }
  if (ignored > 0) problems.push({ severity: 'warning', message: `ignored ${ignored} object(s) that are not Pod, Namespace, Service or Node` })
  const pods: InventoryPod[] = raws.map((p) => ({
    ...p,
    identityLabels: p.hostNetwork
      ? [{ source: 'reserved', key: 'host', value: '' }]
      : podIdentityLabels({ namespace: p.namespace, labels: p.labels, namespaceLabels: namespaces.get(p.namespace)?.labels,
        serviceAccount: p.serviceAccount, clusterName: options.clusterName }),
  }))
  const podNamespaces = new Set(pods.map((p) => p.namespace))
  const missing = [...podNamespaces].filter((n) => !namespaces.has(n))
  if (pods.length > 0 && missing.length > 0) {
    problems.push({ severity: 'warning', message: `no Namespace object for ${missing.join(', ')}: namespace labels other than kubernetes.io/metadata.name are unknown (use kubectl get pods,namespaces -A -o json)` })
  }
  return { inventory: { namespaces: [...namespaces.values()], pods, services, nodes }, problems }
}

function readDocuments(text: string, problems: InventoryProblem[], budget: AliasBudget): unknown[] {
  const trimmed = text.trim()
  if (trimmed === '') {
    problems.push({ severity: 'warning', message: 'inventory is empty' })
    return []
  }
  // Before JSON.parse as well as yaml: the policy parse's nesting pre-scan and alias budget (issue 8).
  const deep = yamlNestingProblem(text)
  if (deep) {
    problems.push({ severity: 'error', message: deep.message, line: deep.line, column: deep.column })
    return []
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return [JSON.parse(trimmed) as unknown]
    } catch {
      // Fall through: the YAML parser reads JSON too and reports line/column.
    }
  }
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false })
  const docs = Array.isArray(parsed) ? parsed : [parsed]
  const bomb = yamlAliasProblem(docs, text, budget)
  if (bomb) {
    problems.push({ severity: 'error', message: bomb.message, line: bomb.line, column: bomb.column })
    return []
  }
  const out: unknown[] = []
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors.slice(0, 5)) {
        const pos = lineCounter.linePos(err.pos[0])
        problems.push({ severity: 'error', message: err.message.split('\n')[0], line: pos.line, column: pos.col })
      }
      continue
    }
    out.push(doc.toJS({ maxAliasCount: 100 }) as unknown)
  }
  return out
}

/** Flattens lists; list items inherit the kind a typed list implies (`PodList` → `Pod`). */
function collect(value: unknown, impliedKind: string | undefined, out: { readonly [key: string]: unknown }[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, impliedKind, out)
    return
  }
  if (!isObj(value)) return
  const kind = typeof value.kind === 'string' ? value.kind : impliedKind
  if (kind !== undefined && kind.endsWith('List') && Array.isArray(value.items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length)
    for (const item of value.items) collect(item, itemKind, out)
    return
  }
  if (kind === undefined && Array.isArray(value.items)) {
    for (const item of value.items) collect(item, undefined, out)
    return
  }
  out.push(kind === value.kind ? value : { ...value, kind })
}
