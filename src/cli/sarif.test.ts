import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { STDIN_NAME } from './io.ts'
import type { SarifRun } from './sarif.ts'
import { sarifLog } from './sarif.ts'
import { sarifProblems } from './test-support/sarif-shape.ts'

const CWD = path.resolve('/repo/work')

interface Result {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[]
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[]
}

const base: SarifRun = {
  tool: 'membrane', version: '1.2.3', category: 'membrane-lint', cwd: CWD,
  rules: [{ id: 'unknown-field', level: 'warning', description: 'Policy problem: unknown field' }, { id: 'yaml-syntax', level: 'error', description: 'YAML' }],
  findings: [],
}

const results = (run: SarifRun): Result[] => (JSON.parse(sarifLog(run)) as { runs: { results: Result[] }[] }).runs[0].results

describe('sarifLog', () => {
  it('writes a SARIF 2.1.0 log with the required fields', () => {
    const log = JSON.parse(sarifLog({ ...base, findings: [{ ruleId: 'yaml-syntax', level: 'error', message: 'bad', place: { file: 'p/a.yaml', line: 3, column: 2 } }] })) as Record<string, unknown>
    expect(sarifProblems(log)).toEqual([])
    expect(log).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'membrane', version: '1.2.3', rules: [{ id: 'unknown-field' }, { id: 'yaml-syntax' }] } },
      automationDetails: { id: 'membrane-lint/' }, originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/work/' } } }] })
  })

  it('puts each finding on its file (relative to the working directory) and line, with ruleIndex', () => {
    const [r] = results({ ...base, findings: [{ ruleId: 'yaml-syntax', level: 'error', message: 'bad', place: { file: 'policies/my app.yaml', line: 9, column: 3, endLine: 9, endColumn: 7 } }] })
    expect(r).toMatchObject({ ruleId: 'yaml-syntax', ruleIndex: 1, level: 'error', message: { text: 'bad' } })
    expect(r.locations?.[0].physicalLocation).toEqual({ artifactLocation: { uri: 'policies/my%20app.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 3, endColumn: 7 } })
  })

  it('writes an absolute path given inside the working directory as relative, and one outside as a file URI', () => {
    const [inside, outside] = results({ ...base, findings: [
      { ruleId: 'yaml-syntax', level: 'error', message: 'in', place: { file: path.join(CWD, 'a', 'b.yaml'), line: 1 } },
      { ruleId: 'yaml-syntax', level: 'error', message: 'out', place: { file: '/elsewhere/c.yaml', line: 2 } },
    ] })
    expect(inside.locations?.[0].physicalLocation.artifactLocation).toEqual({ uri: 'a/b.yaml', uriBaseId: '%SRCROOT%' })
    expect(outside.locations?.[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/c.yaml' })
  })

  it('drops empty or inverted ends, keeps multi-line ranges', () => {
    const regions = results({ ...base, findings: [
      { ruleId: 'yaml-syntax', level: 'error', message: 'empty', place: { file: 'a.yaml', line: 4, column: 5, endLine: 4, endColumn: 5 } },
      { ruleId: 'yaml-syntax', level: 'error', message: 'multi', place: { file: 'a.yaml', line: 4, column: 5, endLine: 6, endColumn: 1 } },
    ] }).map((r) => r.locations?.[0].physicalLocation.region)
    expect(regions).toEqual([{ startLine: 4, startColumn: 5 }, { startLine: 4, startColumn: 5, endLine: 6, endColumn: 1 }])
  })

  it('gives a finding on standard input no location, and names the place in its message', () => {
    const [r] = results({ ...base, findings: [{ ruleId: 'yaml-syntax', level: 'error', message: 'bad', place: { file: STDIN_NAME, line: 2, column: 1 } }] })
    expect(r.locations).toBeUndefined()
    expect(r.message.text).toBe('<stdin>:2:1: bad')
  })

  it('numbers related locations and keeps their messages', () => {
    const [r] = results({ ...base, findings: [{ ruleId: 'yaml-syntax', level: 'error', message: 'broken', place: { file: 'flows.jsonl', line: 33 },
      related: [{ file: 'policies/deny.yaml', line: 13, column: 7, message: 'decided here' }] }] })
    expect(r.relatedLocations).toMatchObject([{ id: 0, message: { text: 'decided here' }, physicalLocation: { artifactLocation: { uri: 'policies/deny.yaml' } } }])
  })

  it('refuses a finding whose rule is not declared', () => {
    expect(() => sarifLog({ ...base, findings: [{ ruleId: 'nope', level: 'error', message: 'x' }] })).toThrow(/undeclared rule nope/)
  })
})

describe('the SARIF 2.1.0 shape check used by the tests', () => {
  it.each([
    [{ runs: [] }, "$: sarifLog requires 'version'"],
    [{ version: '2.0.0', runs: [] }, "$.version: '2.0.0' not one of 2.1.0"],
    [{ version: '2.1.0', runs: [{}] }, "$.runs[0]: run requires 'tool'"],
    [{ version: '2.1.0', runs: [{ tool: { driver: {} } }] }, "$.runs[0].tool.driver: toolComponent requires 'name'"],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'error' }] }] }, "$.runs[0].results[0]: result requires 'message'"],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }, "$.runs[0].results[0].level: 'fatal' not one of none, note, warning, error"],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, file: 'a' }] }] }, '$.runs[0].results[0].file: not a property of result'],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] },
      '$.runs[0].results[0].locations[0].physicalLocation.region.startLine: 0 < 1'],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'a' }] } }, results: [{ message: { text: 'm' }, ruleId: 'b', ruleIndex: 0 }] }] },
      "$.runs[0].results[0]: ruleIndex 0 does not name rule 'b'"],
  ])('reports %j', (log, problem) => {
    expect(sarifProblems(log)).toContain(problem)
  })
})
