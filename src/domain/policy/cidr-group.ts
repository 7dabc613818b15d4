/** CiliumCIDRGroup → CidrGroup (the target of cidrGroupRef / cidrGroupSelector, §5.3). */
import type { Ctx } from './context.ts'
import { normalizeCidr } from './cidr.ts'
import { asMap, checkFields, field, fieldSet, stringList } from './fields.ts'
import type { CidrGroup, YamlPath } from './model.ts'
import type { YMap } from './tree.ts'

const OBJECT_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'spec', 'status')
const SPEC_FIELDS = fieldSet('externalCIDRs')

export function normalizeCidrGroup(obj: YMap, name: string, ctx: Ctx, path: YamlPath): CidrGroup | undefined {
  checkFields(obj, OBJECT_FIELDS, ctx, path, 'CiliumCIDRGroup')
  const sp = [...path, 'spec']
  const spec = asMap(field(obj, 'spec'), ctx, sp, 'spec')
  if (!spec) {
    if (field(obj, 'spec') === undefined) ctx.error('missing-spec', 'CiliumCIDRGroup needs a spec with externalCIDRs', obj, path)
    return undefined
  }
  checkFields(spec, SPEC_FIELDS, ctx, sp, 'a CiliumCIDRGroup spec')
  const cidrs: string[] = []
  for (const c of stringList(field(spec, 'externalCIDRs'), ctx, [...sp, 'externalCIDRs'], 'externalCIDRs')) {
    const n = normalizeCidr(c.value)
    if (n === undefined) ctx.error('invalid-cidr', `"${c.value}" is not a valid CIDR`, c.node, [...sp, 'externalCIDRs', c.index])
    else cidrs.push(n)
  }
  // Null prototype: label keys are user data and may be `__proto__`.
  const labels: Record<string, string> = Object.create(null) as Record<string, string>
  const meta = field(obj, 'metadata')
  const labelMap = meta?.t === 'map' ? field(meta, 'labels') : undefined
  if (labelMap?.t === 'map') {
    for (const e of labelMap.entries.values()) {
      if (e.value.t === 'scalar') labels[e.key] = e.value.value === null ? '' : String(e.value.value)
    }
  }
  return { name, labels, cidrs, origin: ctx.origin(obj, path) }
}
