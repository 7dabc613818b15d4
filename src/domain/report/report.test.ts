import { describe, expect, it } from 'vitest'
import { createRedactor } from '../files/redact.ts'
import { csvCell, toCsv } from './csv.ts'
import { FLOWS_CSV_HEADER, flowsCsv } from './flows-csv.ts'
import { flowsReport } from './flows-report.ts'
import { mdText } from './markdown.ts'
import type { ReportFinding, ReportFlow } from './report-flow.ts'

const FRONT = { name: 'shop/frontend-7d9f-x2', namespace: 'shop', pod: 'frontend-7d9f-x2', labels: { app: 'frontend' } }
const BACK = { name: 'shop/backend-5c-q1', namespace: 'shop', pod: 'backend-5c-q1', labels: { app: 'backend' } }
const EVIL = { name: 'evil/=HYPERLINK("http://x")', namespace: 'evil', pod: '=HYPERLINK("http://x")', labels: { app: '<img src=x onerror=alert(1)>' } }
const flow = (over: Partial<ReportFlow>): ReportFlow => ({
  index: 0, time: Date.UTC(2024, 0, 2, 3, 4, 5), source: FRONT, destination: BACK, proto: 'TCP/8080',
  recorded: 'FORWARDED', verdict: 'allowed', reply: false, policy: 'shop/backend', path: 'spec.ingress[0]', effect: 'allow', ...over,
})
const FLOWS: ReportFlow[] = [
  flow({}),
  flow({ index: 1, verdict: 'denied', disagreement: 'break', effect: 'default-deny', destination: { name: 'world (8.8.8.8)' }, proto: 'UDP/53' }),
  flow({ index: 2, recorded: 'DROPPED', dropReason: 'POLICY_DENIED', verdict: 'allowed', disagreement: 'open' }),
  flow({ index: 3, reply: true, source: BACK, destination: FRONT }),
  flow({ index: 4, source: EVIL, l7: 'HTTP GET /|x|' }),
]
const FINDINGS: ReportFinding[] = [
  { severity: 'warning', code: 'fqdn-without-dns-proxy', policy: 'shop/frontend', path: 'spec.egress[1]', line: 12, message: 'toFQDNs api.example.com never matches: no DNS rule' },
]

/** A small RFC 4180 reader: enough to check that what we write parses back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = (): void => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') endCell()
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell()
      rows.push(row)
      row = []
      i++
    } else cell += c
  }
  return rows
}

describe('csvCell', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=x,"y"', `"'=x,""y"""`],
  ]
  for (const [raw, cell] of cases) it(`${JSON.stringify(raw)} → ${cell}`, () => expect(csvCell(raw)).toBe(cell))
  it('writes a header and CRLF rows', () => expect(toCsv(['a', 'b'], [[1, undefined]])).toBe('a,b\r\n1,\r\n'))
})

describe('flowsCsv', () => {
  const rows = readCsv(flowsCsv(FLOWS))
  it('has the header and one row per flow with recorded and draft verdicts', () => {
    expect(rows[0]).toEqual([...FLOWS_CSV_HEADER])
    expect(rows).toHaveLength(FLOWS.length + 1)
    const col = (name: string): number => FLOWS_CSV_HEADER.indexOf(name as (typeof FLOWS_CSV_HEADER)[number])
    expect(rows[2]![col('recorded_verdict')]).toBe('FORWARDED')
    expect(rows[2]![col('draft_verdict')]).toBe('denied')
    expect(rows[2]![col('change')]).toBe('would break')
    expect(rows[1]![col('time')]).toBe('2024-01-02T03:04:05.000Z')
    expect(rows[1]![col('source_labels')]).toBe('app=frontend')
  })
  it('keeps a crafted pod name and label from running as a formula or markup', () => {
    const evil = rows[5]!
    expect(evil[2]).toBe('evil/=HYPERLINK("http://x")')
    expect(evil[4]).toBe('app=<img src=x onerror=alert(1)>')
    const col = flowsCsv([flow({ source: { name: '=cmd|"/c calc"!A1' } })]).split('\r\n')[1]!
    expect(col.split(',')[2]).toBe(`"'=cmd|""/c calc""!A1"`)
  })
  it('redacts pod names and IPs consistently, keeping namespaces and labels', () => {
    const r = createRedactor()
    const out = flowsCsv(FLOWS, r)
    expect(out).not.toMatch(/frontend-7d9f-x2|backend-5c-q1|8\.8\.8\.8/)
    const red = readCsv(out)
    expect(red[1]![2]).toBe('shop/pod-1')
    expect(red[1]![5]).toBe('shop/pod-2')
    expect(red[4]![2]).toBe('shop/pod-2') // the reply's source is the same backend pod
    expect(red[2]![5]).toBe('world (192.0.2.1)')
    expect(red[1]![3]).toBe('shop')
    expect(red[1]![4]).toBe('app=frontend')
  })
})

describe('flowsReport', () => {
  const md = flowsReport({ flows: FLOWS, findings: FINDINGS, files: ['capture.json'], generatedAt: '2024-01-02T00:00:00Z' })
  it('counts flows, recorded and draft verdicts, breaks and opens', () => {
    expect(md).toContain('| All flows | 5 |')
    expect(md).toContain('| Replies | 1 |')
    expect(md).toContain('| Draft: denied | 1 |')
    expect(md).toContain('| Recorded: FORWARDED | 4 |')
    expect(md).toContain('| Would break | 1 |')
    expect(md).toContain('## Would break (1)')
    expect(md).toContain('## Would open (1)')
  })
  it('lists what would break and open, and the lint findings', () => {
    const breakSection = md.slice(md.indexOf('## Would break'), md.indexOf('## Would open'))
    expect(breakSection).toContain('world (8.8.8.8)')
    expect(breakSection).toContain('UDP/53')
    expect(md).toContain('fqdn-without-dns-proxy')
    expect(md).toContain('spec.egress\\[1\\] (line 12)')
  })
  it('escapes markup and table breakers in names, labels and L7', () => {
    const hostile = flowsReport({ flows: [flow({ source: EVIL, l7: 'GET /a|b', disagreement: 'break' })], findings: [] })
    expect(hostile).not.toContain('<img')
    expect(hostile).toContain('evil/=HYPERLINK("http://x")')
    expect(hostile).toContain('GET /a\\|b')
    expect(mdText('<script>[x](javascript:y)</script>')).toBe('&lt;script&gt;\\[x\\](javascript:y)&lt;/script&gt;')
  })
  it('caps its lists and points to the CSV', () => {
    const many = Array.from({ length: 7 }, (_, i) => flow({ index: i, disagreement: 'break', verdict: 'denied' }))
    expect(flowsReport({ flows: many, findings: [], listLimit: 3 })).toContain('… and 4 more')
  })
  it('redacts pod names and IPs', () => {
    const red = flowsReport({ flows: FLOWS, findings: FINDINGS }, createRedactor())
    expect(red).not.toMatch(/frontend-7d9f-x2|8\.8\.8\.8/)
    expect(red).toContain('shop/pod-1')
  })
})
