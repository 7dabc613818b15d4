/** matchLabels / matchExpressions YAML → Selector (keys through §1.2), with §1.5 validation. */
import { parseLabelKey } from '../labels/label.ts'
import type { Operator, Requirement, Selector } from '../labels/selector.ts'
import type { Ctx } from './context.ts'
import { asMap, asSeq, asString, checkFields, field, fieldSet } from './fields.ts'
import { labelKeyProblem, labelValueProblem, quoted } from './k8s-names.ts'
import type { SourceRange, YamlPath } from './model.ts'
import type { YNode } from './tree.ts'
import { describe } from './tree.ts'

const SELECTOR_FIELDS = fieldSet('matchLabels', 'matchExpressions')
const EXPRESSION_FIELDS = fieldSet('key', 'operator', 'values')
const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist'])

export interface SelectorOptions {
  /** Source for keys without a prefix: `any` for Cilium (§1.2), `k8s` for KNP (§8.1). */
  readonly defaultSource?: string
  /** Rewrites each raw key before source parsing (KNP namespaceSelector keys, §8.2). */
  readonly mapKey?: (raw: string) => string
}

/** Parses a label selector; undefined when it is not an object. Bad requirements are reported and skipped. */
export function parseSelector(
  node: YNode | undefined,
  ctx: Ctx,
  path: YamlPath,
  what: string,
  opts: SelectorOptions = {},
): Selector | undefined {
  const map = asMap(node, ctx, path, what)
  if (!map) return undefined
  checkFields(map, SELECTOR_FIELDS, ctx, path, what)
  const defaultSource = opts.defaultSource ?? 'any'
  const keyOf = (raw: string) => parseLabelKey(opts.mapKey ? opts.mapKey(raw) : raw, defaultSource)
  const requirements: Requirement[] = []

  const labels = asMap(field(map, 'matchLabels'), ctx, [...path, 'matchLabels'], 'matchLabels')
  if (labels) {
    for (const e of labels.entries.values()) {
      const p = [...path, 'matchLabels', e.key]
      const v = e.value
      if (v.t !== 'scalar') {
        ctx.error('wrong-type', `label value for "${e.key}" must be a string (got ${describe(v)})`, v, p)
        continue
      }
      // `key: ""` and bare `key:` both mean the empty value (e.g. `node-role…/control-plane: ""`).
      const value = v.value === null ? '' : String(v.value)
      // Reported, but kept: the rest of the model stays as written (the error blocks check/evaluate).
      checkLabel(e.key, [value], ctx, p, e.keyRange, v)
      requirements.push({ ...keyOf(e.key), operator: 'In', values: [value] })
    }
  }

  const exprs = asSeq(field(map, 'matchExpressions'), ctx, [...path, 'matchExpressions'], 'matchExpressions')
  exprs?.items.forEach((item, i) => {
    const p = [...path, 'matchExpressions', i]
    const r = parseExpression(item, ctx, p)
    if (r && item.t === 'map') checkLabel(r.key, r.values, ctx, p, field(item, 'key')?.range ?? item.range, field(item, 'values') ?? item)
    if (r) requirements.push({ ...keyOf(r.key), operator: r.operator, values: r.values })
  })
  return { requirements }
}

function parseExpression(
  node: YNode,
  ctx: Ctx,
  path: YamlPath,
): { key: string; operator: Operator; values: string[] } | undefined {
  const map = asMap(node, ctx, path, 'a matchExpressions entry')
  if (!map) return undefined
  checkFields(map, EXPRESSION_FIELDS, ctx, path, 'a matchExpressions entry')
  const before = ctx.errors
  const key = asString(field(map, 'key'), ctx, [...path, 'key'], 'key')
  const operator = asString(field(map, 'operator'), ctx, [...path, 'operator'], 'operator')
  const valuesNode = field(map, 'values')
  const values: string[] = []
  const seq = asSeq(valuesNode, ctx, [...path, 'values'], 'values')
  seq?.items.forEach((v, i) => {
    if (v.t === 'scalar' && v.value !== null) values.push(String(v.value))
    else ctx.error('wrong-type', `each value must be a string (got ${describe(v)})`, v, [...path, 'values', i])
  })
  if (ctx.errors > before) return undefined
  if (key === undefined) {
    ctx.error('selector-key', 'a match expression needs a key', node, path)
    return undefined
  }
  if (operator === undefined || !OPERATORS.has(operator)) {
    const at = field(map, 'operator') ?? node
    ctx.error('selector-operator', `operator must be one of In, NotIn, Exists, DoesNotExist (got ${operator ?? 'nothing'})`, at, [...path, 'operator'])
    return undefined
  }
  const op = operator as Operator
  // §1.5: In/NotIn need values; Exists/DoesNotExist must have none.
  if ((op === 'In' || op === 'NotIn') && values.length === 0) {
    ctx.error('selector-values', `operator ${op} needs at least one value`, node, path)
    return undefined
  }
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
    ctx.error('selector-values', `operator ${op} must not have values`, valuesNode ?? node, [...path, 'values'])
    return undefined
  }
  return { key, operator: op, values }
}

/**
 * Sources whose keys are Kubernetes label keys. `reserved:`, `cidr:`, `fqdn:` and the like name
 * Cilium's own labels (§1.1), whose keys are CIDRs, names or patterns, so they are left alone.
 */
const K8S_SOURCES: ReadonlySet<string> = new Set(['any', 'k8s', 'unspec', 'container'])

/** Reports a selector key or value the API server would refuse in a label selector. */
function checkLabel(rawKey: string, values: readonly string[], ctx: Ctx, path: YamlPath, keyAt: SourceRange, valuesAt: YNode): void {
  const { source, key } = parseLabelKey(rawKey)
  if (!K8S_SOURCES.has(source)) return
  const keyProblem = labelKeyProblem(key)
  if (keyProblem !== undefined) {
    ctx.error('invalid-label-key', `label key ${quoted(rawKey)}: ${keyProblem}`, keyAt, path)
    return
  }
  const bad = values.find((v) => labelValueProblem(v) !== undefined)
  if (bad !== undefined) ctx.error('invalid-label-value', `label value ${quoted(bad)} for ${quoted(rawKey)} ${labelValueProblem(bad) ?? ''}`, valuesAt, path)
}
