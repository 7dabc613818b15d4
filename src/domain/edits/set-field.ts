/** Inspector edits on one rule element: ports, L7 rows, ICMP types, allow ↔ deny. */
import type { ParseResult, YamlPath } from '../policy/model.ts'
import type { YNode } from '../policy/tree.ts'
import type { Planned } from './connect.ts'
import type { Located } from './delete-edge.ts'
import { findElement } from './delete-edge.ts'
import type { FieldChange } from './gestures.ts'
import type { YValue } from './render.ts'
import type { Target } from './splice.ts'
import { appendItems, removeItem, removeKey, replaceNode, setIn, setKey } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { toValue } from './workspace.ts'
import { WriteError, sectionOf } from './writer.ts'
import { planPolicyField } from './set-policy.ts'

type Change<K extends FieldChange['kind']> = Extract<FieldChange, { kind: K }>

const PORT = /^(\d{1,5}|[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?)$/
const idx = (p: YamlPath): number => p[p.length - 1] as number
const parent = (p: YamlPath): YamlPath => p.slice(0, -1)

/** Drops undefined / empty-string fields so a cleared inspector field disappears from the YAML. */
function clean(row: object): { [key: string]: YValue } {
  const out: { [key: string]: YValue } = {}
  for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v as YValue
  return out
}

/** Plans one setField change. */
export function planSetField(ws: Workspace, b: EditBuilder, parse: ParseResult, c: FieldChange): Planned {
  switch (c.kind) {
    case 'port':
      return setPort(ws, b, parse, c)
    case 'l7Row':
      return setL7Row(ws, b, parse, c)
    case 'icmp':
      return setIcmp(ws, b, parse, c)
    case 'action':
      return toggleAction(ws, b, parse, c)
    default:
      return planPolicyField(ws, b, parse, c)
  }
}

function locate(ws: Workspace, b: EditBuilder, parse: ParseResult, elementId: string): Located & { t: Target } {
  const loc = findElement(parse, elementId)
  return { ...loc, t: { ws, b, doc: loc.element.origin.doc } }
}

function setPort(ws: Workspace, b: EditBuilder, parse: ParseResult, c: Change<'port'>): Planned {
  const { element, policy, t } = locate(ws, b, parse, c.elementId)
  const hit = (element.toPorts ?? []).flatMap((pr) => pr.ports)[c.portIndex]
  if (!hit) throw new WriteError(`the rule has no port #${c.portIndex + 1}`)
  const at = hit.origin.path
  const knp = policy.kind === 'NetworkPolicy'
  if (c.port !== undefined) {
    const port = c.port.trim().toLowerCase()
    if (!PORT.test(port) || (/^\d+$/.test(port) && Number(port) > 65535)) throw new WriteError(`"${c.port}" is not a port number (0–65535) or a port name (§6.1)`)
    setKey(t, at, 'port', knp && /^\d+$/.test(port) ? Number(port) : port)
  }
  if (c.protocol !== undefined) setKey(t, at, 'protocol', c.protocol)
  if (c.endPort === null) removeKey(t, at, 'endPort')
  else if (c.endPort !== undefined) {
    const start = Number(c.port ?? hit.port)
    if (!Number.isInteger(c.endPort) || c.endPort > 65535 || !(c.endPort > start)) throw new WriteError(`endPort must be a port above ${c.port ?? hit.port} (§6.1)`)
    setKey(t, at, 'endPort', c.endPort)
  }
  return { description: `Edited port ${hit.protocol}/${hit.port} of ${policy.name} ${element.origin.path.join('.')}` }
}

function setL7Row(ws: Workspace, b: EditBuilder, parse: ParseResult, c: Change<'l7Row'>): Planned {
  const { element, policy, t } = locate(ws, b, parse, c.elementId)
  const pr = element.toPorts?.[c.toPortsIndex ?? 0]
  if (!pr || typeof pr.origin.path[pr.origin.path.length - 1] !== 'number') throw new WriteError('L7 rules attach to a toPorts entry; add a port first (§7.1)')
  if (element.deny) throw new WriteError('deny rules take no L7 rules (§4.1)')
  if (policy.kind === 'NetworkPolicy') throw new WriteError('a Kubernetes NetworkPolicy has no L7 rules')
  const rulesPath = [...pr.origin.path, 'rules']
  const listPath = [...rulesPath, c.l7]
  const name = c.l7 === 'http' ? 'HTTP' : c.l7 === 'dns' ? 'DNS' : 'Kafka'
  if (c.op === 'add') {
    if (pr.l7 && pr.l7.kind !== c.l7) throw new WriteError(`this port already has ${pr.l7.kind} rules; one L7 type per toPorts entry (§7.1)`)
    if (c.l7 === 'dns' && element.direction === 'ingress') throw new WriteError('DNS rules only exist on egress (§7.1)')
    for (const p of pr.ports) {
      if (p.port === '0') throw new WriteError('L7 rules cannot apply to port 0 (§7.1)')
      if (c.l7 !== 'dns' && p.protocol !== 'TCP') throw new WriteError(`${name} rules only apply to TCP ports (§7.1)`)
    }
    appendItems(t, listPath, [clean(c.row ?? {})])
    return { description: `Added a ${name} rule to ${policy.name}` }
  }
  const rows = pr.l7?.kind === c.l7 ? pr.l7.rules : []
  const row = c.rowIndex !== undefined ? rows[c.rowIndex] : undefined
  if (!row) throw new WriteError(`there is no ${name} rule #${(c.rowIndex ?? 0) + 1}`)
  if (c.op === 'edit') {
    replaceNode(t, row.origin.path, clean(c.row ?? {}))
    return { description: `Edited a ${name} rule of ${policy.name}` }
  }
  if (rows.length > 1) {
    removeItem(t, parent(row.origin.path), idx(row.origin.path))
    return { description: `Removed a ${name} rule from ${policy.name}` }
  }
  removeKey(t, pr.origin.path, 'rules')
  return {
    description: `Removed the last ${name} rule from ${policy.name}`,
    // §7.6: with no L7 rules the port is L4-only, so every request on it is allowed.
    warning: `with no ${name} rules left, every request on ${pr.ports.map((p) => `${p.protocol}/${p.port}`).join(', ')} is allowed`,
  }
}

function setIcmp(ws: Workspace, b: EditBuilder, parse: ParseResult, c: Change<'icmp'>): Planned {
  const { element, policy, t } = locate(ws, b, parse, c.elementId)
  const fields = element.icmps ?? []
  const value = c.value ? clean({ family: c.value.family, type: c.value.type }) : {}
  if (c.op === 'add') {
    if (element.toPorts !== null) throw new WriteError('icmps cannot share an element with toPorts (§6.4); connect again for ICMP')
    if (fields.length === 0) setIn(t, [...element.origin.path, 'icmps'], [{ fields: [value] }])
    else appendItems(t, parent(fields[fields.length - 1].origin.path), [value])
    return { description: `Added ICMP type ${String(c.value?.type)} to ${policy.name}` }
  }
  const f = c.index !== undefined ? fields[c.index] : undefined
  if (!f) throw new WriteError(`there is no ICMP type #${(c.index ?? 0) + 1}`)
  if (c.op === 'edit') {
    replaceNode(t, f.origin.path, value)
    return { description: `Edited ICMP type of ${policy.name}` }
  }
  const list = ws.node(t.doc, parent(f.origin.path))
  if (list?.t === 'seq' && list.items.length > 1) removeItem(t, parent(f.origin.path), idx(f.origin.path))
  else removeKey(t, element.origin.path, 'icmps')
  return { description: `Removed ICMP type ${String(f.type)} from ${policy.name}` }
}

/** Moves an element between ingress and ingressDeny (or egress / egressDeny). */
function toggleAction(ws: Workspace, b: EditBuilder, parse: ParseResult, c: Change<'action'>): Planned {
  const { element, policy, rule, t } = locate(ws, b, parse, c.elementId)
  const deny = c.action === 'deny'
  if (element.deny === deny) throw new WriteError(`this rule is already ${deny ? 'a deny' : 'an allow'} rule`)
  if (policy.kind === 'NetworkPolicy') throw new WriteError('a Kubernetes NetworkPolicy has no deny rules (§8.6)')
  if (deny && element.peerField === 'toFQDNs') throw new WriteError('egressDeny has no toFQDNs (§4.1); deny the CIDR instead')
  const node = ws.node(t.doc, element.origin.path)
  const seq = ws.node(t.doc, parent(element.origin.path))
  if (!node || seq?.t !== 'seq') throw new WriteError('this rule is not a list item; edit it in the text')
  const from = sectionOf(element.direction, element.deny)
  const to = sectionOf(element.direction, deny)
  const rulePath = parent(parent(element.origin.path))
  // §4.1: a deny element's toPorts entries hold only `ports`; authentication does not exist there.
  const strip = deny ? strippable(node) : { entries: [], auth: false }
  const dropped = strip.entries.length > 0
  const ruleMap = ws.node(t.doc, rulePath)
  const entry = ruleMap?.t === 'map' ? ruleMap.entries.get(from) : undefined
  if (seq.items.length === 1 && entry && ruleMap?.t === 'map' && !ruleMap.entries.has(to)) {
    // The only element of its list: renaming the key is the smallest edit and keeps its comments.
    b.replace(entry.keyRange.start, entry.keyRange.end, to)
    for (const e of strip.entries) for (const k of e.keys) removeKey(t, [...element.origin.path, 'toPorts', e.index], k)
    if (strip.auth) removeKey(t, element.origin.path, 'authentication')
  } else {
    const value = toValue(node) as { [key: string]: YValue }
    if (deny) {
      delete value.authentication
      if (Array.isArray(value.toPorts)) {
        value.toPorts = (value.toPorts as YValue[]).map((pr): YValue => {
          const o = pr as { [key: string]: YValue }
          return o.ports === undefined ? {} : { ports: o.ports }
        })
      }
    }
    if (seq.items.length > 1) removeItem(t, parent(element.origin.path), idx(element.origin.path))
    else removeKey(t, rulePath, from)
    appendItems(t, [...rule.origin.path, to], [value])
  }
  return {
    description: `Turned ${policy.name} ${element.origin.path.join('.')} into ${deny ? 'a deny' : 'an allow'} rule`,
    ...(dropped ? { warning: 'deny rules take no L7 rules or TLS settings (§4.1); they were dropped' } : {}),
  }
}

/** Parts of an allow element a deny element cannot have: L7/TLS fields of toPorts, authentication. */
function strippable(node: YNode): { entries: { index: number; keys: string[] }[]; auth: boolean } {
  if (node.t !== 'map') return { entries: [], auth: false }
  const tp = node.entries.get('toPorts')?.value
  const entries: { index: number; keys: string[] }[] = []
  if (tp?.t === 'seq') {
    tp.items.forEach((item, index) => {
      if (item.t !== 'map') return
      const keys = [...item.entries.keys()].filter((k) => k !== 'ports')
      if (keys.length > 0) entries.push({ index, keys })
    })
  }
  return { entries, auth: node.entries.has('authentication') }
}
