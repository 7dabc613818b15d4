/** Reading `apiVersion`, `kind` and `metadata` of a Kubernetes object (everything else there is ignored). */
import type { Ctx } from './context.ts'
import { asMap, asString, field } from './fields.ts'
import type { YamlPath } from './model.ts'
import type { YMap, YNode } from './tree.ts'

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
  if (name !== undefined && name !== '') return name
  if (nameNode === undefined) ctx.error('missing-name', 'metadata.name is required', meta ?? obj, [...path, 'metadata'])
  return `unnamed-${ctx.doc}-${path.join('.') || 'doc'}`
}

export function metaNamespace(obj: YMap, ctx: Ctx, path: YamlPath): { value?: string; node?: YNode } {
  const meta = field(obj, 'metadata')
  if (meta?.t !== 'map') return {}
  const node = field(meta, 'namespace')
  const value = asString(node, ctx, [...path, 'metadata', 'namespace'], 'metadata.namespace')
  return { value: value === '' ? undefined : value, node }
}
