import type { ParseResult, Policy, RuleElement } from '../../domain/policy/model.ts'

export interface ElementContext {
  readonly policy: Policy
  readonly ruleIndex: number
  readonly element: RuleElement
}

/** The policy, rule index and element behind a rule element id. */
export function findElement(parse: ParseResult, elementId: string): ElementContext | null {
  for (const policy of parse.policies) {
    if (!elementId.startsWith(`${policy.key}#`)) continue
    for (let ruleIndex = 0; ruleIndex < policy.rules.length; ruleIndex++) {
      const element = policy.rules[ruleIndex].elements.find((e) => e.id === elementId)
      if (element) return { policy, ruleIndex, element }
    }
  }
  return null
}
