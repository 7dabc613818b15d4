/**
 * Defensive readers for untrusted JSON values. Hubble writes proto names (snake_case, plus
 * `IP`, `Type`, `ID`…) but protojson readers and grpc-gateway emit lowerCamelCase, so every
 * field lookup accepts both spellings (hubble-flows.md §2).
 */

export type JsonObject = { readonly [key: string]: unknown }

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The value of `snake` (or its camelCase alias) when it is an own property. */
export function field(o: JsonObject, snake: string, camel?: string): unknown {
  // Own-property check so a `__proto__` key or inherited member never leaks in.
  if (Object.prototype.hasOwnProperty.call(o, snake)) return o[snake]
  if (camel !== undefined && Object.prototype.hasOwnProperty.call(o, camel)) return o[camel]
  return undefined
}

export function obj(o: JsonObject, snake: string, camel?: string): JsonObject | undefined {
  return asObj(field(o, snake, camel))
}

export function str(o: JsonObject, snake: string, camel?: string): string | undefined {
  return asStr(field(o, snake, camel))
}

export function num(o: JsonObject, snake: string, camel?: string): number | undefined {
  return asNum(field(o, snake, camel))
}

export function bool(o: JsonObject, snake: string, camel?: string): boolean | undefined {
  return asBool(field(o, snake, camel))
}

export function strList(o: JsonObject, snake: string, camel?: string): string[] | undefined {
  return asStrList(field(o, snake, camel))
}

export function objList(o: JsonObject, snake: string, camel?: string): JsonObject[] | undefined {
  return asObjList(field(o, snake, camel))
}

// The same readers applied to a value already looked up (normalize.ts reads a flow's fields once,
// from a parsed object or straight from the line's text, then converts them with these).

export function asObj(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined
}

/** A non-empty string. */
export function asStr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** uint64 fields arrive as strings, uint32 as numbers; accept either. */
export function asNum(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'string' && v !== '') {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

export function asBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined
}

/** A list of non-empty strings, or undefined when absent/empty. */
export function asStrList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined
  const out: string[] = []
  for (const x of v) if (typeof x === 'string') out.push(x)
  return out.length > 0 ? out : undefined
}

export function asObjList(v: unknown): JsonObject[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined
  const out: JsonObject[] = []
  for (const x of v) if (isObject(x)) out.push(x)
  return out.length > 0 ? out : undefined
}
