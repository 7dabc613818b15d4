/** Inspector edits on a policy: enableDefaultDeny, name / namespace, subject labels. */
import { scopedName } from '../graph/handles.ts'
import type { ParseResult, Policy, Rule } from '../policy/model.ts'
import type { Planned } from './connect.ts'
import type { FieldChange } from './gestures.ts'
import type { Target } from './splice.ts'
import { removeKey, setIn, setKey } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { WriteError } from './writer.ts'

type PolicyChange = Extract<FieldChange, { kind: 'defaultDeny' | 'rename' | 'subjectLabels' }>

const DNS1123 = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.:]{0,62})$/
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/

function policyOf(parse: ParseResult, key: string): Policy {
  const p = parse.policies.find((x) => x.key === key)
  if (!p) throw new WriteError(`policy ${key} is not in the text (any more)`)
  return p
}

function ruleOf(p: Policy, index = 0): Rule {
  const r = p.rules[index]
  if (!r) throw new WriteError(`policy ${p.name} has no rule #${index + 1}`)
  return r
}

/** Plans a policy-level setField change. */
export function planPolicyField(ws: Workspace, b: EditBuilder, parse: ParseResult, c: PolicyChange): Planned {
  const policy = policyOf(parse, c.policyKey)
  const t: Target = { ws, b, doc: policy.origin.doc }
  switch (c.kind) {
    case 'defaultDeny': {
      if (policy.kind === 'NetworkPolicy') throw new WriteError('a Kubernetes NetworkPolicy is always default-deny (§3.2); it has no enableDefaultDeny')
      const rule = ruleOf(policy, c.ruleIndex)
      const path = [...rule.origin.path, 'enableDefaultDeny']
      const dd = ws.node(t.doc, path)
      if (c.value === null) {
        if (dd?.t !== 'map') return { description: `enableDefaultDeny.${c.direction} is already unset` }
        const only = dd.entries.size === 1 && dd.entries.has(c.direction)
        if (only) removeKey(t, rule.origin.path, 'enableDefaultDeny')
        else removeKey(t, path, c.direction)
      } else setIn(t, [...path, c.direction], c.value)
      const effect = c.value === false ? ' — other traffic in that direction stays allowed; only explicit denies apply (§3.2)' : ''
      return { description: `Set enableDefaultDeny.${c.direction} of ${policy.name} to ${c.value ?? 'default (true)'}${effect}` }
    }
    case 'rename': {
      const meta = [...policy.origin.path, 'metadata']
      const name = c.name ?? policy.name
      const ns = c.namespace ?? policy.namespace
      if (!DNS1123.test(name)) throw new WriteError(`"${name}" is not a valid name: lowercase letters, digits, '-' and '.'`)
      if (c.namespace !== undefined && policy.namespace === null) throw new WriteError('a CiliumClusterwideNetworkPolicy has no namespace')
      if (ns !== null && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns)) throw new WriteError(`"${ns}" is not a valid namespace name`)
      if (parse.policies.some((p) => p !== policy && p.kind === policy.kind && p.namespace === ns && p.name === name)) {
        throw new WriteError(`a ${policy.kind} named ${name} already exists${ns ? ` in ${ns}` : ''}`)
      }
      if (c.name !== undefined && c.name !== policy.name) setKey(t, meta, 'name', c.name)
      const moved = c.namespace !== undefined && c.namespace !== policy.namespace
      if (moved) setKey(t, meta, 'namespace', c.namespace as string)
      return {
        description: `Renamed ${scopedName(policy.namespace, policy.name)} to ${scopedName(ns, name)}`,
        // §2.3–2.4: subject and namespace-less peers are pinned to the policy's namespace.
        ...(moved && { warning: `the policy now selects pods of ${ns}, and peers without a namespace now mean pods of ${ns}` }),
      }
    }
    case 'subjectLabels': {
      const rule = ruleOf(policy, c.ruleIndex)
      if (rule.subject.kind !== 'endpoints') throw new WriteError('node selectors are edited in the text')
      for (const [k, v] of Object.entries(c.labels)) {
        if (!LABEL_KEY.test(k) || !LABEL_VALUE.test(v)) throw new WriteError(`"${k}: ${v}" is not a valid label`)
      }
      const sel = rule.subjectOrigin.path
      const node = ws.node(t.doc, sel)
      const labels = { ...c.labels }
      if (node?.t === 'map' && !node.entries.has('matchLabels') && Object.keys(labels).length === 0) {
        return { description: 'The subject has no labels to remove' }
      }
      if (Object.keys(labels).length === 0) removeKey(t, sel, 'matchLabels')
      else setIn(t, [...sel, 'matchLabels'], labels)
      const text = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || 'every pod'
      return { description: `${policy.name} now selects ${text}${policy.namespace ? ` in ${policy.namespace}` : ''}` }
    }
  }
}
