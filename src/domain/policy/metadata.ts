/** Reading `apiVersion`, `kind` and `metadata` of a Kubernetes object (everything else there is ignored). */
import type { Ctx } from './context.ts'
import { asMap, asString, field } from './fields.ts'
import type { YamlPath } from './model.ts'
import type { YMap, YNode } from './tree.ts'
import { labelKeyProblem, labelValueProblem, namespaceProblem, objectNameProblem, quoted } from './k8s-names.ts'

export interface ObjectHeader {
  readonly apiVersion?: string
  readonly kind?: string
  readonly name?: string
  readonly namespace?: string
  readonly metadata?: YMap
}

/** Reads apiVersion/kind/name/namespace quietly (no diagnostics); used for DocumentInfo too. */
export function peekHeader(obj: YMap): ObjectHeader {
  const str = (n: YNode | undefined) => (n?.t === 'scalar' && typeof n.value === 'string' ? n.value : undefined)
  const metadata = field(obj, 'metadata')
  const meta = metadata?.t === 'map' ? metadata : undefined
  return {
    apiVersion: str(field(obj, 'apiVersion')),
    kind: str(field(obj, 'kind')),
    name: meta ? str(field(meta, 'name')) : undefined,
    namespace: meta ? str(field(meta, 'namespace')) : undefined,
    metadata: meta,
  }
}

/** The object's name, reporting a missing or malformed one; a placeholder keeps the rest usable. */
export function requireName(obj: YMap, ctx: Ctx, path: YamlPath): string {
  const meta = asMap(field(obj, 'metadata'), ctx, [...path, 'metadata'], 'metadata')
  const nameNode = meta ? field(meta, 'name') : undefined
  const name = asString(nameNode, ctx, [...path, 'metadata', 'name'], 'metadata.name')
  if (meta) checkMetadataLabels(meta, ctx, [...path, 'metadata'])
  if (name !== undefined && name !== '') {
    const problem = objectNameProblem(name)
    if (problem !== undefined && nameNode) ctx.error('invalid-name', `metadata.name ${quoted(name)} ${problem}`, nameNode, [...path, 'metadata', 'name'])
    return name
  }
  if (nameNode === undefined) ctx.error('missing-name', 'metadata.name is required', meta ?? obj, [...path, 'metadata'])
  return `unnamed-${ctx.doc}-${path.join('.') || 'doc'}`
}

export function metaNamespace(obj: YMap, ctx: Ctx, path: YamlPath): { value?: string; node?: YNode } {
  const meta = field(obj, 'metadata')
  if (meta?.t !== 'map') return {}
  const node = field(meta, 'namespace')
  const value = asString(node, ctx, [...path, 'metadata', 'namespace'], 'metadata.namespace')
  const problem = value !== undefined && value !== '' ? namespaceProblem(value) : undefined
  if (problem !== undefined && node) ctx.error('invalid-namespace', `metadata.namespace ${quoted(value ?? '')} ${problem}`, node, [...path, 'metadata', 'namespace'])
  return { value: value === '' ? undefined : value, node }
}

/** metadata.labels: keys and values as the API server validates them (k8s-names.ts). */
function checkMetadataLabels(meta: YMap, ctx: Ctx, path: YamlPath): void {
  const labels = field(meta, 'labels')
  if (labels?.t !== 'map') return
  for (const e of labels.entries.values()) {
    const p = [...path, 'labels', e.key]
    const keyProblem = labelKeyProblem(e.key)
    if (keyProblem !== undefined) ctx.error('invalid-label-key', `label key ${quoted(e.key)}: ${keyProblem}`, e.keyRange, p)
    const v = e.value
    if (v.t === 'scalar' && v.value !== null) {
      const valueProblem = labelValueProblem(String(v.value))
      if (valueProblem !== undefined) ctx.error('invalid-label-value', `label value ${quoted(String(v.value))} for ${quoted(e.key)} ${valueProblem}`, v, p)
    }
  }
}
