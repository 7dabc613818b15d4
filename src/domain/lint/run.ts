/** Runs every pitfall check over a parsed workspace (issue 11 "Lints"). */
import { checkDenyOnly, checkProbes, checkSystemNamespaces } from './check-default-deny.ts'
import { checkFqdn } from './check-fqdn.ts'
import { checkEndPortNamed, checkL7Scope } from './check-l7.ts'
import { checkEmptyPeers, checkPortsWithoutPeers } from './check-peers.ts'
import { checkIdentityLabels, checkMixedKinds, checkSelectsNothing } from './check-selectors.ts'
import { checkUnused } from './check-usage.ts'
import { LintContext } from './context.ts'
import { liftParserDiagnostics } from './lifted.ts'
import type { LintFinding, LintInput } from './model.ts'

const CHECKS: readonly ((ctx: LintContext) => void)[] = [
  liftParserDiagnostics,
  checkFqdn,
  checkDenyOnly,
  checkSelectsNothing,
  checkIdentityLabels,
  checkEmptyPeers,
  checkPortsWithoutPeers,
  checkProbes,
  checkSystemNamespaces,
  checkL7Scope,
  checkEndPortNamed,
  checkMixedKinds,
  checkUnused,
]

const RANK = { error: 0, warning: 1, info: 2 } as const

/** All findings, in text order (then by severity), each with its range, graph handles and fix. */
export function lintWorkspace(input: LintInput): LintFinding[] {
  const ctx = new LintContext(input)
  for (const check of CHECKS) check(ctx)
  return ctx.findings.sort((a, b) => a.range.start - b.range.start || RANK[a.severity] - RANK[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}
