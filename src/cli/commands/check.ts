/**
 * `membrane check`: CI gate. Fails (exit 1) when the draft would deny a connection the cluster
 * forwarded, or when an expectation from --expect is not met. Reports: text, JSON, JUnit, SARIF.
 */
import { createSession } from '../../domain/engine/index.ts'
import type { EvalResult, Reason } from '../../domain/engine/index.ts'
import type { Flow } from '../../domain/flows/index.ts'
import { isReply } from '../../domain/flows/index.ts'
import type { FlagSpec } from '../args.ts'
import { one, outputFormat, parseArgs } from '../args.ts'
import { parseEndpointSpec, parseHttpSpec, parsePortSpec } from '../endpoint-spec.ts'
import { expectationMet, parseExpectations } from '../expectations.ts'
import { decidingReason, decidingReasonOf, peerName, portText, summarize } from '../format.ts'
import type { CliIo } from '../io.ts'
import { CliError, STDIN, STDIN_NAME, readText, resolvePath } from '../io.ts'
import type { TestCase } from '../junit.ts'
import { junitXml } from '../junit.ts'
import type { LoadedFlows, LoadedPolicies } from '../load.ts'
import { loadFlows, reasonPlace } from '../load.ts'
import type { SarifFinding } from '../sarif.ts'
import { sarifLog } from '../sarif.ts'
import type { EvalContext } from '../setup.ts'
import { COMMON_FLAGS, COMMON_HELP, evaluateFlows, setup } from '../setup.ts'
import { version } from '../version.ts'
import { ALLOW_EMPTY_HELP, requireFlows } from '../empty-flows.ts'
import { resultJson, specContext } from './trace.ts'

export const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif'] as const

export const CHECK_FLAGS: FlagSpec = { ...COMMON_FLAGS, flows: 'one', expect: 'one', output: 'one', junit: 'one', sarif: 'one', 'allow-empty': 'bool' }

export const CHECK_HELP = `Usage: membrane check --policies <file|dir|->... [--flows <hubble.json|->] [--expect <file>] [options]

Fails when any non-reply flow the cluster forwarded would be denied by the policies, or when an
expectation is not met. One input may be '-' (standard input), e.g.
  kubectl get cnp,ccnp,netpol -A -o yaml | membrane check --policies - --flows flows.json

  --flows <file|->           Hubble flows (JSONL or JSON array); no flows in it is an error (exit 2)
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
  reason: string
  firstIndex: number
  /** Not in --json output: for SARIF. */
  decidedBy?: Reason
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

export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, CHECK_FLAGS, 'check')
  if (args.bools.has('help')) {
    io.stdout(CHECK_HELP)
    return 0
  }
  const format = outputFormat(args, CHECK_FORMATS, 'check')
  const flowsFile = one(args, 'flows')
  const expectFile = one(args, 'expect')
  if (flowsFile === undefined && expectFile === undefined) throw new CliError('check: give --flows, --expect or both (see membrane check --help)')
  const ctx = setup(io, args, 'check')
  const cases: TestCase[] = []
  const loadedFlows = flowsFile !== undefined ? loadFlows(io, flowsFile) : undefined
  if (loadedFlows) requireFlows(io, loadedFlows, args.bools.has('allow-empty'))
  const flows = loadedFlows?.flows ?? []
  const results = evaluateFlows(ctx, flows)
  const connections = checkFlows(flows, results, loadedFlows, cases)
  const expectations = expectFile !== undefined ? checkExpectations(io, ctx, expectFile, flows, one(args, 'cluster-name'), cases) : []
  const failed = cases.filter((c) => c.failure)
  const s = summarize(results)
  const reports = {
    json: (): string => `${JSON.stringify({ ok: failed.length === 0, summary: s,
      brokenConnections: connections.map(({ decidedBy: _, ...c }) => c), expectations: expectations.map(({ decidedBy: _, ...e }) => e) })}\n`,
    junit: (): string => junitXml(cases),
    sarif: (): string => checkSarif(io.cwd, ctx.loaded, loadedFlows, connections, expectFile, expectations),
    text: (): string => [
      ...connections.map((c) => `FAIL  ${c.name}: ${c.count} forwarded flow(s) would be denied (first: flow #${c.firstIndex}${loadedFlows ? `, ${loadedFlows.file}:${loadedFlows.lines[c.firstIndex]}` : ''}) — ${c.reason}\n`),
      ...expectations.map((e) => `${e.ok ? 'ok  ' : 'FAIL'}  expectation ${e.name}: expected ${e.expect}, got ${e.verdict}\n`),
      flows.length > 0 ? `${flows.length} flows: ${s.allowed} allowed, ${s.denied} denied, ${s.audit} audit\n` : '',
      failed.length === 0 ? 'check passed\n' : `check failed: ${failed.length} problem(s)\n`,
    ].join(''),
  }
  for (const kind of ['junit', 'sarif'] as const) {
    const file = one(args, kind)
    if (file !== undefined) io.writeFile(resolvePath(io, file), reports[kind]())
  }
  io.stdout(reports[format]())
  return failed.length === 0 ? 0 : 1
}

/** Groups forwarded-but-denied flows by connection, so one broken rule is one failure. */
function checkFlows(flows: readonly Flow[], results: readonly EvalResult[], loaded: LoadedFlows | undefined, cases: TestCase[]): Broken[] {
  const broken = new Map<string, Broken>()
  const passed = new Set<string>()
  flows.forEach((f, i) => {
    if (!FORWARDED.has(f.verdict) || isReply(f)) return
    const name = `${peerName(f.source)} -> ${peerName(f.destination)} ${portText(f)}`
    if (results[i].verdict !== 'denied') {
      passed.add(name)
      return
    }
    const b = broken.get(name) ?? { name, count: 0, reason: decidingReason(results[i]), firstIndex: f.index, decidedBy: decidingReasonOf(results[i]) }
    b.count++
    broken.set(name, b)
  })
  for (const name of passed) if (!broken.has(name)) cases.push({ suite: 'observed flows', name })
  for (const b of broken.values()) {
    cases.push({ suite: 'observed flows', name: b.name, failure: { message: `${b.count} forwarded flow(s) would be denied`,
      details: `first flow index ${b.firstIndex}${loaded ? ` (${loaded.file}:${loaded.lines[b.firstIndex]})` : ''}: ${b.reason}` } })
  }
  return [...broken.values()]
}

function checkExpectations(io: CliIo, ctx: EvalContext, file: string, flows: readonly Flow[],
  clusterName: string | undefined, cases: TestCase[]): ExpectationResult[] {
  const shown = file === STDIN ? STDIN_NAME : file
  const list = parseExpectations(readText(io, file, 'expectations'), shown)
  const spec = specContext(ctx, clusterName, flows.flatMap((f) => [f.source, f.destination]))
  return list.map((e) => {
    let result: EvalResult
    try {
      const port = parsePortSpec(e.port)
      result = createSession(ctx.set).evaluate({
        source: parseEndpointSpec(e.from, spec),
        destination: parseEndpointSpec(e.to, spec),
        ...port,
        ...(e.http !== undefined && { l7: { http: parseHttpSpec(e.http) } }),
        ...(e.dns !== undefined && { l7: { dns: { query: e.dns } } }),
      })
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
const FAILED_EXPECTATION = 'expectation-failed'

/** Each broken connection on the line of its first flow, each failed expectation on its line; the deciding rule as a related place. */
function checkSarif(cwd: string, policies: LoadedPolicies, flows: LoadedFlows | undefined, connections: readonly Broken[],
  expectFile: string | undefined, expectations: readonly ExpectationResult[]): string {
  const related = (reason: Reason | undefined): SarifFinding['related'] => {
    const place = reason ? reasonPlace(policies, reason) : undefined
    return place && reason ? [{ ...place, message: `decided by ${reason.effect} (${reason.policy} ${reason.path})` }] : []
  }
  const findings: SarifFinding[] = [
    ...connections.map((c) => ({
      ruleId: BROKEN_FLOW, level: 'error' as const,
      message: `${c.name}: ${c.count} forwarded flow(s) would be denied (first: flow #${c.firstIndex}) — ${c.reason}`,
      ...(flows && { place: { file: flows.file, line: flows.lines[c.firstIndex] } }),
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
      { id: FAILED_EXPECTATION, level: 'error', description: 'An expected connection verdict (check --expect) is not met' },
    ],
    findings,
  })
}
