/**
 * Pitfalls the parser already detects (it must, to build a faithful model) become lint findings
 * with the stable codes, a why and a quick fix. The parser's own diagnostic is then
 * shown once, as the finding (see `supersededBy`).
 */
import type { YValue } from '../edits/render.ts'
import { appendItems, removeKey, setKey } from '../edits/splice.ts'
import { toValue } from '../edits/workspace.ts'
import { NAMESPACE_KEY, parseLabelKey } from '../labels/label.ts'
import type { Diagnostic, Policy, RuleElement, YamlPath } from '../policy/model.ts'
import type { LintCode } from './codes.ts'
import type { FixPlanner, LintContext } from './context.ts'
import type { LintFinding } from './model.ts'

/** Parser diagnostic code → lint code. */
export const LIFTED: Readonly<Record<string, LintCode>> = {
  'mixed-peers': 'peer-kinds-combined',
  'l7-protocol': 'l7-on-non-tcp',
  'dns-no-port': 'dns-rule-without-port',
  'deny-l7': 'deny-with-l7',
  'subject-namespace': 'cnp-subject-namespace-overridden',
}

const isPrefix = (p: YamlPath, of: YamlPath): boolean => p.length <= of.length && p.every((s, i) => of[i] === s)

function locate(ctx: LintContext, d: Diagnostic): { policy: Policy; element?: RuleElement } | undefined {
  const path = d.path ?? []
  const policy = ctx.input.parse.policies.find((p) => p.origin.doc === d.doc && isPrefix(p.origin.path, path))
  if (!policy) return undefined
  const element = policy.rules.flatMap((r) => r.elements).find((e) => e.origin.doc === d.doc && isPrefix(e.origin.path, path))
  return { policy, ...(element && { element }) }
}

function fixFor(code: LintCode, d: Diagnostic): FixPlanner | undefined {
  const path = d.path ?? []
  const last = path[path.length - 1]
  const parent = path.slice(0, -1)
  switch (code) {
    case 'peer-kinds-combined':
      // §5.1: separate list items are ORed; the second peer kind keeps the element's ports.
      return (t) => {
        const field = String(last)
        const value = t.ws.node(t.doc, path)
        const ports = t.ws.node(t.doc, [...parent, 'toPorts'])
        if (!value) throw new Error('nothing to move')
        const item: { [key: string]: YValue } = { [field]: toValue(value) }
        if (ports) item.toPorts = toValue(ports)
        removeKey(t, parent, field)
        appendItems(t, parent.slice(0, -1), [item])
        return `Move ${field} into its own rule`
      }
    case 'l7-on-non-tcp':
      if (d.message.startsWith('DNS')) return undefined
      return (t) => {
        setKey(t, path, 'protocol', 'TCP')
        return 'Set protocol: TCP'
      }
    case 'dns-rule-without-port':
      return (t) => {
        setKey(t, parent, 'ports', [{ port: '53', protocol: 'ANY' }])
        return 'Add port 53 (ANY)'
      }
    case 'deny-with-l7':
      return (t) => {
        removeKey(t, parent, String(last))
        return `Remove ${String(last)} from the deny rule`
      }
    case 'cnp-subject-namespace-overridden':
      return (t) => {
        const map = t.ws.node(t.doc, [...path, 'matchLabels'])
        const key = map?.t === 'map' ? [...map.entries.keys()].find((k) => parseLabelKey(k).key === NAMESPACE_KEY) : undefined
        if (key === undefined || (map?.t === 'map' && map.entries.size === 1)) throw new Error('no removable namespace label')
        removeKey(t, [...path, 'matchLabels'], key)
        return 'Remove the namespace label (it is ignored)'
      }
    default:
      return undefined
  }
}

export function liftParserDiagnostics(ctx: LintContext): void {
  for (const d of ctx.input.parse.diagnostics) {
    const code = LIFTED[d.code]
    if (code === undefined) continue
    const at = locate(ctx, d)
    if (!at) continue
    const fix = fixFor(code, d)
    ctx.add({
      code, policy: at.policy, ...(at.element && { element: at.element }), range: d.range, path: d.path ?? at.policy.origin.path,
      severity: d.severity, message: d.message, ...(fix && { fix }),
    })
  }
}

/** Whether a parser diagnostic is shown as one of these findings instead (same place, lifted code). */
export function supersededBy(d: Pick<Diagnostic, 'code' | 'range'>, findings: readonly LintFinding[]): boolean {
  const code = LIFTED[d.code]
  return code !== undefined && findings.some((f) => f.code === code && f.range.start === d.range.start && f.range.end === d.range.end)
}
