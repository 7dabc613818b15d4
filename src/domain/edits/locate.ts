/** Rule elements looked up by id: the policy (named by the id's policy key), the rule and its index. */
import { parseElementId } from '../graph/handles.ts'
import type { ParseResult, Policy, Rule, RuleElement } from '../policy/model.ts'

export interface Located {
  readonly policy: Policy
  readonly rule: Rule
  readonly ruleIndex: number
  readonly element: RuleElement
}

/** The element with this id, with its policy and rule; null when the text no longer has it. */
export function locateElement(parse: Pick<ParseResult, 'policies'>, id: string): Located | null {
  const key = parseElementId(id)?.policyKey
  if (key === undefined) return null
  for (const policy of parse.policies) {
    if (policy.key !== key) continue
    for (let ruleIndex = 0; ruleIndex < policy.rules.length; ruleIndex++) {
      const rule = policy.rules[ruleIndex]
      const element = rule.elements.find((e) => e.id === id)
      if (element) return { policy, rule, ruleIndex, element }
    }
  }
  return null
}
