/**
 * `membrane check`: CI gate. Fails (exit 1) when the draft would deny a connection the cluster
 * forwarded, or when an expectation from --expect is not met. --junit writes a JUnit report.
 */
import { createSession } from '../../domain/engine/index.ts'
import type { EvalResult } from '../../domain/engine/index.ts'
import type { Flow } from '../../domain/flows/index.ts'
import { isReply } from '../../domain/flows/index.ts'
import { one, parseArgs } from '../args.ts'
import { parseEndpointSpec, parseHttpSpec, parsePortSpec } from '../endpoint-spec.ts'
import { expectationMet, parseExpectations } from '../expectations.ts'
import { decidingReason, peerName, portText, summarize } from '../format.ts'
import type { CliIo } from '../io.ts'
import { CliError, readText, resolvePath } from '../io.ts'
import type { TestCase } from '../junit.ts'
import { junitXml } from '../junit.ts'
import { loadFlows } from '../load.ts'
import type { EvalContext } from '../setup.ts'
import { COMMON_FLAGS, COMMON_HELP, evaluateFlows, setup } from '../setup.ts'
import { resultJson, specContext } from './trace.ts'

export const CHECK_HELP = `Usage: membrane check --policies <file|dir>... [--flows <hubble.json>] [--expect <file>] [options]

Exit code 1 when any non-reply flow the cluster forwarded would be denied by the policies, or
when an expectation is not met; 0 otherwise; 2 for usage or input errors.

  --flows <file>             Hubble flows (JSONL or JSON array)
  --expect <file>            YAML list of {from, to, port, [http|dns], expect: allowed|denied|audit}
                             (from/to as in membrane trace: ns/pod, ns:k=v, entity:world, ip:1.2.3.4)
  --junit <file>             write a JUnit XML report
${COMMON_HELP}
`

const FORWARDED = new Set(['FORWARDED', 'REDIRECTED'])

interface Broken {
  name: string
  count: number
  reason: string
  firstIndex: number
}

export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { ...COMMON_FLAGS, flows: 'one', expect: 'one', junit: 'one' }, 'check')
  if (args.bools.has('help')) {
    io.stdout(CHECK_HELP)
    return 0
  }
  const flowsFile = one(args, 'flows')
  const expectFile = one(args, 'expect')
  if (flowsFile === undefined && expectFile === undefined) throw new CliError('check: give --flows, --expect or both (see membrane check --help)')
  const ctx = setup(io, args, 'check')
  const cases: TestCase[] = []
  const flows = flowsFile !== undefined ? loadFlows(io, flowsFile).flows : []
  const results = evaluateFlows(ctx, flows)
  const connections = checkFlows(flows, results, cases)
  const expectations = expectFile !== undefined ? checkExpectations(io, ctx, expectFile, flows, one(args, 'cluster-name'), cases) : []
  const failed = cases.filter((c) => c.failure)
  const junit = one(args, 'junit')
  if (junit !== undefined) io.writeFile(resolvePath(io, junit), junitXml(cases))
  if (args.bools.has('json')) {
    io.stdout(`${JSON.stringify({ ok: failed.length === 0, summary: summarize(results), brokenConnections: connections, expectations })}\n`)
  } else {
    for (const c of connections) io.stdout(`FAIL  ${c.name}: ${c.count} forwarded flow(s) would be denied (first: flow #${c.firstIndex}) — ${c.reason}\n`)
    for (const e of expectations) io.stdout(`${e.ok ? 'ok  ' : 'FAIL'}  expectation ${e.name}: expected ${e.expect}, got ${e.verdict}\n`)
    const s = summarize(results)
    if (flows.length > 0) io.stdout(`${flows.length} flows: ${s.allowed} allowed, ${s.denied} denied, ${s.audit} audit\n`)
    io.stdout(failed.length === 0 ? 'check passed\n' : `check failed: ${failed.length} problem(s)\n`)
  }
  return failed.length === 0 ? 0 : 1
}

/** Groups forwarded-but-denied flows by connection, so one broken rule is one failure. */
function checkFlows(flows: readonly Flow[], results: readonly EvalResult[], cases: TestCase[]): Broken[] {
  const broken = new Map<string, Broken>()
  const passed = new Set<string>()
  flows.forEach((f, i) => {
    if (!FORWARDED.has(f.verdict) || isReply(f)) return
    const name = `${peerName(f.source)} -> ${peerName(f.destination)} ${portText(f)}`
    if (results[i].verdict !== 'denied') {
      passed.add(name)
      return
    }
    const b = broken.get(name) ?? { name, count: 0, reason: decidingReason(results[i]), firstIndex: f.index }
    b.count++
    broken.set(name, b)
  })
  for (const name of passed) if (!broken.has(name)) cases.push({ suite: 'observed flows', name })
  for (const b of broken.values()) {
    cases.push({ suite: 'observed flows', name: b.name, failure: { message: `${b.count} forwarded flow(s) would be denied`,
      details: `first flow index ${b.firstIndex}: ${b.reason}` } })
  }
  return [...broken.values()]
}

function checkExpectations(io: CliIo, ctx: EvalContext, file: string, flows: readonly Flow[],
  clusterName: string | undefined, cases: TestCase[]): { name: string; expect: string; verdict: string; ok: boolean; line: number; result: object }[] {
  const list = parseExpectations(readText(io, file, 'expectations'), file)
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
      if (err instanceof CliError) throw new CliError(`${file}:${e.line}: ${err.message}`)
      throw err
    }
    const ok = expectationMet(e.expect, result.verdict)
    cases.push({ suite: 'expectations', name: e.name, ...(!ok && { failure: { message: `expected ${e.expect}, got ${result.verdict}`,
      details: `${file}:${e.line}: ${decidingReason(result)}` } }) })
    return { name: e.name, expect: e.expect, verdict: result.verdict, ok, line: e.line, result: resultJson(result) }
  })
}
