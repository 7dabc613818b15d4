/**
 * `membrane check`: CI gate. Fails (exit 1) when the draft would deny a connection the cluster
 * forwarded, or when an expectation from --expect is not met. Reports: text, JSON, JUnit, SARIF.
 */
import { createSession } from '../../domain/engine/index.ts'
import type { EvalResult, Reason } from '../../domain/engine/index.ts'
import type { FlowEndpoint } from '../../domain/flows/index.ts'
import type { FlagSpec } from '../args.ts'
import { many, one, outputFormat, parseArgs } from '../args.ts'
import { withPeerErrors, withSpecErrors } from '../endpoint-spec.ts'
import { expectationRequest } from '../../domain/expectations/index.ts'
import { expectationMet, parseExpectations } from '../expectations.ts'
import { decidingReason, decidingReasonOf, peerName } from '../format.ts'
import type { CliIo } from '../io.ts'
import { CliError, STDIN, STDIN_NAME, readText, resolvePath } from '../io.ts'
import type { TestCase } from '../junit.ts'
import { junitXml } from '../junit.ts'
import type { FlowPlace, LoadedPolicies } from '../load.ts'
import { reasonPlace, reportPolicyProblems } from '../load.ts'
import type { SarifFinding } from '../sarif.ts'
import { sarifLog } from '../sarif.ts'
import type { EvalContext } from '../setup.ts'
import { COMMON_FLAGS, COMMON_HELP, setup } from '../setup.ts'
import type { FlowRow } from '../stream-eval.ts'
import { evaluateStream, startWorkers } from '../stream-eval.ts'
import { STREAM_FLAGS, STREAM_HELP, rememberStdin, streamOptions } from '../parallel/options.ts'
import { baselineSet } from '../parallel/sets.ts'
import { version } from '../version.ts'
import { ALLOW_EMPTY_HELP, requireFlows } from '../empty-flows.ts'
import { resultJson, specContext } from './trace.ts'

export const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif'] as const

export const CHECK_FLAGS: FlagSpec = { ...COMMON_FLAGS, ...STREAM_FLAGS, flows: 'many', baseline: 'many', expect: 'one', output: 'one', junit: 'one', sarif: 'one', 'allow-empty': 'bool' }

export const CHECK_HELP = `Usage: membrane check --policies <file|dir|->... [--flows <file|dir|->...] [--baseline <file|dir>...] [--expect <file>] [options]

Fails when any non-reply flow the cluster forwarded would be denied by the policies, when a
flow the --baseline policies allow would be denied by them (a regression), or when an
expectation is not met. One input may be '-' (standard input), e.g.
  kubectl get cnp,ccnp,netpol -A -o yaml | membrane check --policies - --flows flows.json
  membrane check --policies draft/ --baseline main/ --flows captures/ --junit reports/junit.xml

  --flows <file|dir|->...    Hubble flows: files, directories (*.json, *.jsonl, *.log, *.txt, *.gz),
                             gzip or plain; several files are merged and de-duplicated; streamed,
                             read in the order of their first timestamp (rotated exporter files)
${STREAM_HELP}
  --baseline <file|dir>...   the policies as they are now (e.g. the main branch): every non-reply
                             flow they allow must stay allowed by --policies
${ALLOW_EMPTY_HELP}
  --expect <file>            YAML list of {from, to, port, [http|dns], expect: allowed|denied|audit}
                             (from/to as in membrane trace: ns/pod, ns:k=v, entity:world, ip:1.2.3.4)
  --output <format>          text | json | junit | sarif (default text), on standard output
  --junit <file>             also write a JUnit XML report
  --sarif <file>             also write a SARIF 2.1.0 report: each broken connection on the line
                             of its first flow, each failed expectation on its line
${COMMON_HELP}

Exit codes: 0 passed, 1 broken flows or failed expectations, 2 unusable input (including
policies that do not parse: run membrane lint).
`

const FORWARDED = new Set(['FORWARDED', 'REDIRECTED'])

interface Broken {
  name: string
  count: number
  /** What decided the flow under --policies. */
  reason: string
  /** With --baseline: what allowed it under the baseline. */
  baselineReason?: string
  firstIndex: number
  /** Not in --json output: where the first flow was read, the draft verdict, and the deciding reasons (SARIF). */
  place: FlowPlace
  draftVerdict: string
  decidedBy?: Reason
  baselineBy?: Reason
}

interface ExpectationResult {
  name: string
  expect: string
  verdict: string
  ok: boolean
  line: number
  result: object
  /** Not in --json output: for SARIF. */
  decidedBy?: Reason
}

export function checkCommand(argv: readonly string[], given: CliIo): number {
  const { io, stdin } = rememberStdin(given)
  const args = parseArgs(argv, CHECK_FLAGS, 'check')
  if (args.bools.has('help')) {
    io.stdout(CHECK_HELP)
    return 0
  }
  const format = outputFormat(args, CHECK_FORMATS, 'check')
  const flowInputs = many(args, 'flows')
  const baselineInputs = many(args, 'baseline')
  const expectFile = one(args, 'expect')
  if (flowInputs.length === 0 && expectFile === undefined) throw new CliError('check: give --flows, --expect or both (see membrane check --help)')
  if (baselineInputs.length > 0 && flowInputs.length === 0) throw new CliError('check: --baseline compares verdicts of observed flows: give --flows too')
  const options = streamOptions(args, 'check')
  const pool = flowInputs.length > 0 ? startWorkers(io, flowInputs, { command: 'check', args, options }) : undefined
  try {
    const ctx = setup(io, args, 'check')
    const baseline = baselineSet(io, args, ctx)
    if (baseline) reportPolicyProblems(io, baseline.loaded)
    const sets = [ctx.set, ...(baseline ? [baseline.set] : [])]
    const cases: TestCase[] = []
    const forwarded = new ConnectionChecks()
    const regressions = baseline ? new ConnectionChecks() : undefined
    let total = 0
    let summary = { allowed: 0, denied: 0, audit: 0 }
    let endpoints: ReadonlySet<FlowEndpoint> = new Set()
    if (flowInputs.length > 0) {
      const run = evaluateStream(io, ctx, flowInputs, sets, (f, [draft, base], place) => {
        if (f.reply) return
        if (FORWARDED.has(f.verdict)) forwarded.add(f, draft, draft.verdict === 'denied', place)
        if (regressions && base) regressions.add(f, draft, base.verdict === 'allowed' && draft.verdict === 'denied', place, base)
      }, { command: 'check', args, options, ...(stdin() !== undefined && { stdin: stdin() }),
        ...(baseline && { baseline: baseline.loaded }), ...(pool && { pool }) })
      requireFlows(io, run, args.bools.has('allow-empty'))
      total = run.flows
      summary = run.summary
      endpoints = run.endpoints
    }
    const connections = forwarded.cases('observed flows', (b) => `${b.count} forwarded flow(s) would be denied`, cases)
    const broken = regressions?.cases('baseline', (b) => `${b.count} flow(s) allowed by the baseline would be denied`, cases) ?? []
    const expectations = expectFile !== undefined ? checkExpectations(io, ctx, expectFile, endpoints, one(args, 'cluster-name'), cases) : []
    const failed = cases.filter((c) => c.failure)
    const s = summary
    const strip = ({ decidedBy: _d, baselineBy: _b, place: _p, draftVerdict: _v, ...c }: Broken): object => c
    const reports = {
      json: (): string => `${JSON.stringify({ ok: failed.length === 0, summary: s,
        brokenConnections: connections.map(strip),
        ...(regressions && { baselineBroken: broken.map(strip) }),
        expectations: expectations.map(({ decidedBy: _, ...e }) => e) })}\n`,
      junit: (): string => junitXml(cases),
      sarif: (): string => checkSarif(io.cwd, ctx.loaded, connections, broken, expectFile, expectations),
      text: (): string => [
        ...connections.map((c) => `FAIL  ${c.name}: ${c.count} forwarded flow(s) would be denied (first: flow #${c.firstIndex}, ${c.place.file}:${c.place.line}) — ${c.reason}\n`),
        ...broken.map((c) => `FAIL  ${c.name}: ${c.count} flow(s) allowed by the baseline would be denied (first: flow #${c.firstIndex}, ${c.place.file}:${c.place.line}) — now ${c.reason}; baseline ${c.baselineReason ?? ''}\n`),
        ...expectations.map((e) => `${e.ok ? 'ok  ' : 'FAIL'}  expectation ${e.name}: expected ${e.expect}, got ${e.verdict}\n`),
        total > 0 ? `${total} flows: ${s.allowed} allowed, ${s.denied} denied, ${s.audit} audit\n` : '',
        failed.length === 0 ? 'check passed\n' : `check failed: ${failed.length} problem(s)\n`,
      ].join(''),
    }
    for (const kind of ['junit', 'sarif'] as const) {
      const file = one(args, kind)
      if (file !== undefined) io.writeFile(resolvePath(io, file), reports[kind]())
    }
    io.stdout(reports[format]())
    return failed.length === 0 ? 0 : 1
  } finally {
    // Closed here as well: the command may stop (a policy error) before the workers were used.
    pool?.close()
  }
}

/**
 * Groups failing flows by connection (source, destination, port), so one broken rule is one
 * failure; memory grows with distinct connections, not flows.
 */
class ConnectionChecks {
  private readonly broken = new Map<string, Broken>()
  private readonly passed = new Set<string>()

  /** Peer names by endpoint: computing one sorts labels, and endpoints repeat on every flow. */
  private readonly names = new WeakMap<FlowEndpoint, string>()

  private peer(e: FlowEndpoint): string {
    let n = this.names.get(e)
    if (n === undefined) this.names.set(e, (n = peerName(e)))
    return n
  }

  add(f: FlowRow, draft: EvalResult, failing: boolean, place: FlowPlace, base?: EvalResult): void {
    const name = `${this.peer(f.source)} -> ${this.peer(f.destination)} ${f.port}`
    if (!failing) {
      this.passed.add(name)
      return
    }
    let b = this.broken.get(name)
    if (!b) {
      b = { name, count: 0, reason: decidingReason(draft), firstIndex: f.index, place, decidedBy: decidingReasonOf(draft), draftVerdict: draft.verdict,
        ...(base && { baselineReason: decidingReason(base), baselineBy: decidingReasonOf(base) }) }
      this.broken.set(name, b)
    }
    b.count++
  }

  cases(suite: string, message: (b: Broken) => string, cases: TestCase[]): Broken[] {
    for (const name of this.passed) if (!this.broken.has(name)) cases.push({ suite, name })
    for (const b of this.broken.values()) {
      cases.push({ suite, name: b.name, failure: { message: message(b),
        details: `first flow index ${b.firstIndex} (${b.place.file}:${b.place.line}): ${b.reason}${b.baselineReason !== undefined ? `; under the baseline: ${b.baselineReason}` : ''}` } })
    }
    return [...this.broken.values()]
  }
}

function checkExpectations(io: CliIo, ctx: EvalContext, file: string, endpoints: ReadonlySet<FlowEndpoint>,
  clusterName: string | undefined, cases: TestCase[]): ExpectationResult[] {
  const shown = file === STDIN ? STDIN_NAME : file
  const list = parseExpectations(readText(io, file, 'expectations'), shown)
  const spec = specContext(ctx, clusterName, [...endpoints])
  return list.map((e) => {
    let result: EvalResult
    try {
      result = createSession(ctx.set).evaluate(withSpecErrors(() => withPeerErrors(() => expectationRequest(e, spec))))
    } catch (err) {
      if (err instanceof CliError) throw new CliError(`${shown}:${e.line}: ${err.message}`)
      throw err
    }
    const ok = expectationMet(e.expect, result.verdict)
    cases.push({ suite: 'expectations', name: e.name, ...(!ok && { failure: { message: `expected ${e.expect}, got ${result.verdict}`,
      details: `${shown}:${e.line}: ${decidingReason(result)}` } }) })
    return { name: e.name, expect: e.expect, verdict: result.verdict, ok, line: e.line, result: resultJson(result), decidedBy: decidingReasonOf(result) }
  })
}

const BROKEN_FLOW = 'forwarded-flow-denied'
const BASELINE_FLOW = 'baseline-flow-denied'
const FAILED_EXPECTATION = 'expectation-failed'

/** Each broken connection on the line of its first flow, each failed expectation on its line; the deciding rule as a related place. */
function checkSarif(cwd: string, policies: LoadedPolicies, connections: readonly Broken[], broken: readonly Broken[],
  expectFile: string | undefined, expectations: readonly ExpectationResult[]): string {
  const related = (reason: Reason | undefined): SarifFinding['related'] => {
    const place = reason ? reasonPlace(policies, reason) : undefined
    return place && reason ? [{ ...place, message: `decided by ${reason.effect} (${reason.policy} ${reason.path})` }] : []
  }
  const findings: SarifFinding[] = [
    ...connections.map((c) => ({
      ruleId: BROKEN_FLOW, level: 'error' as const,
      message: `${c.name}: ${c.count} forwarded flow(s) would be denied (first: flow #${c.firstIndex}) — ${c.reason}`,
      place: { file: c.place.file, line: c.place.line },
      related: related(c.decidedBy),
    })),
    ...broken.map((c) => ({
      ruleId: BASELINE_FLOW, level: 'error' as const,
      message: `${c.name}: ${c.count} flow(s) allowed by the baseline would be denied (first: flow #${c.firstIndex}) — now ${c.reason}; baseline ${c.baselineReason ?? ''}`,
      place: { file: c.place.file, line: c.place.line },
      related: related(c.decidedBy),
    })),
    ...expectations.filter((e) => !e.ok).map((e) => ({
      ruleId: FAILED_EXPECTATION, level: 'error' as const,
      message: `expectation ${e.name}: expected ${e.expect}, got ${e.verdict}`,
      ...(expectFile !== undefined && { place: { file: expectFile === STDIN ? STDIN_NAME : expectFile, line: e.line } }),
      related: related(e.decidedBy),
    })),
  ]
  return sarifLog({
    tool: 'membrane', version: version(), category: 'membrane-check', cwd,
    rules: [
      { id: BROKEN_FLOW, level: 'error', description: 'A connection the cluster forwarded would be denied by the policies' },
      { id: BASELINE_FLOW, level: 'error', description: 'A connection the baseline policies allow would be denied by the policies' },
      { id: FAILED_EXPECTATION, level: 'error', description: 'An expected connection verdict (check --expect) is not met' },
    ],
    findings,
  })
}
