/** Drafting allow policies from observed flows: public surface of `src/domain/generate`. */
export type { DraftDirection, DraftPeer, DraftPlan, DraftPolicy, DraftPort, DraftRule, DraftScope, UncoveredFlow } from './draft.ts'
export { isDraftable, planDraft } from './draft.ts'
export type { GenerateOptions, GenerateResult } from './generate.ts'
export { generatePolicies } from './generate.ts'
export { PREFERRED_KEYS, k8sName, stableLabels, workloadName } from './labels.ts'
export type { DraftYamlHeader } from './yaml.ts'
export { draftYaml, headerComment, policyManifest } from './yaml.ts'
