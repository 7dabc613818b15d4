/** Pitfall lints: findings with ranges, graph handles, a why and quick fixes. */
export { CODE_INFO, LINT_CODES, type CodeInfo, type LintCode } from './codes.ts'
export type { KnownEndpoint, LintFinding, LintInput, QuickFix } from './model.ts'
export { lintWorkspace } from './run.ts'
export { LIFTED, supersededBy } from './lifted.ts'
export { knownEndpoints } from './endpoints.ts'
export { usedElements } from './usage.ts'
