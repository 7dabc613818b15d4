/** Typed access to YNode fields; wrong types become `wrong-type` errors, unknown keys warnings. */
import type { Ctx } from './context.ts'
import type { YamlPath } from './model.ts'
import type { YMap, YNode, YSeq } from './tree.ts'
import { describe, isNull } from './tree.ts'

/** The value under `key`, or undefined when missing or null (Cilium treats JSON null as absent). */
export function field(map: YMap, key: string): YNode | undefined {
  const e = map.entries.get(key)
  return e === undefined || isNull(e.value) ? undefined : e.value
}

export function has(map: YMap, key: string): boolean {
  return field(map, key) !== undefined
}

export function asMap(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): YMap | undefined {
  if (node === undefined || isNull(node)) return undefined
  if (node.t === 'map') return node
  ctx.error('wrong-type', `${what} must be an object (got ${describe(node)})`, node, path)
  return undefined
}

export function asSeq(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): YSeq | undefined {
  if (node === undefined || isNull(node)) return undefined
  if (node.t === 'seq') return node
  ctx.error('wrong-type', `${what} must be a list (got ${describe(node)})`, node, path)
  return undefined
}

/** A string field; numbers and booleans are rejected like the API server does for string fields. */
export function asString(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): string | undefined {
  if (node === undefined || isNull(node)) return undefined
  if (node.t === 'scalar' && typeof node.value === 'string') return node.value
  ctx.error('wrong-type', `${what} must be a string (got ${describe(node)})`, node, path)
  return undefined
}

export function asBool(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): boolean | undefined {
  if (node === undefined || isNull(node)) return undefined
  if (node.t === 'scalar' && typeof node.value === 'boolean') return node.value
  ctx.error('wrong-type', `${what} must be true or false (got ${describe(node)})`, node, path)
  return undefined
}

export function asInt(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): number | undefined {
  if (node === undefined || isNull(node)) return undefined
  if (node.t === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value
  ctx.error('wrong-type', `${what} must be an integer (got ${describe(node)})`, node, path)
  return undefined
}

/** A list of strings; non-string items are reported and skipped. */
export function stringList(node: YNode | undefined, ctx: Ctx, path: YamlPath, what: string): { value: string; node: YNode; index: number }[] {
  const seq = asSeq(node, ctx, path, what)
  if (!seq) return []
  const out: { value: string; node: YNode; index: number }[] = []
  seq.items.forEach((item, i) => {
    const s = asString(item, ctx, [...path, i], `each entry of ${what}`)
    if (s !== undefined) out.push({ value: s, node: item, index: i })
  })
  return out
}

/** Warns about keys not in `allowed` (typos silently do nothing in Cilium's eyes, so say so). */
export function checkFields(map: YMap, allowed: ReadonlySet<string>, ctx: Ctx, path: YamlPath, what: string): void {
  for (const e of map.entries.values()) {
    if (allowed.has(e.key)) continue
    ctx.warn('unknown-field', `unknown field "${e.key}" in ${what}; it is ignored`, e.keyRange, [...path, e.key])
  }
}

export function fieldSet(...names: string[]): ReadonlySet<string> {
  return new Set(names)
}
