import { describe, expect, it } from 'vitest'
import { edgeLabelText, LABEL_MAX_CHARS, wrap } from './edge-label-text.ts'

describe('wrap', () => {
  const cases: [string, string, number, number, string[]][] = [
    ['a short text stays on one line', 'TCP/8080', 28, 0, ['TCP/8080']],
    ['ports break after a comma', 'TCP/8080, TCP/8443, UDP/53, TCP/9090', 20, 0, ['TCP/8080, TCP/8443,', 'UDP/53, TCP/9090']],
    ['a long path breaks after a slash or dot, indented', 'HTTP POST /inventory.InventoryService/CheckStock', 22, 5, ['HTTP POST /inventory.', '     InventoryService/', '     CheckStock']],
    ['a token wider than a line is cut hard', 'x'.repeat(30), 12, 0, ['x'.repeat(12), 'x'.repeat(12), 'x'.repeat(6)]],
  ]
  for (const [name, text, max, indent, want] of cases) it(name, () => expect(wrap(text, max, indent)).toEqual(want))
  it('never makes a line longer than allowed', () => {
    for (const line of wrap('GET /api/v1/orders/[0-9]+/items/[a-z]+/detail?expand=all&x=1', 18, 4)) expect(line.length).toBeLessThanOrEqual(18)
  })
})

describe('edgeLabelText', () => {
  const edge = { kind: 'allow' as const, label: 'TCP/8080', l7: 'HTTP GET /a +2' }
  it('shows the ports, then every L7 rule on its own line', () => {
    const t = edgeLabelText(edge, [{ protocol: 'HTTP', rules: ['GET /a', 'POST /b', 'GET /healthz'] }])
    expect(t.lines.map((l) => l.text)).toEqual(['TCP/8080', 'HTTP GET /a', '     POST /b', '     GET /healthz'])
    expect(t.hidden).toBe(0)
  })
  it('falls back to the summary when the rules are unknown', () => {
    expect(edgeLabelText(edge).lines.map((l) => l.text)).toEqual(['TCP/8080', 'HTTP GET /a +2'])
  })
  it('says how many more when there are too many rules, and shows all when expanded', () => {
    const rules = Array.from({ length: 9 }, (_, i) => `GET /p${i}`)
    const short = edgeLabelText(edge, [{ protocol: 'HTTP', rules }])
    // Five rule lines and a sixth saying "+4 more…".
    expect(short.hidden).toBe(4)
    expect(short.lines).toHaveLength(1 + 5)
    const all = edgeLabelText(edge, [{ protocol: 'HTTP', rules }], true)
    expect(all.hidden).toBe(0)
    expect(all.lines).toHaveLength(1 + 9)
  })
  it('is as big as its longest line and its line count', () => {
    const a = edgeLabelText({ kind: 'deny', label: 'any' })
    const b = edgeLabelText({ kind: 'allow', label: 'x'.repeat(LABEL_MAX_CHARS) }, [{ protocol: 'DNS', rules: ['*'] }])
    expect(a.lines[0].text).toBe('deny any')
    expect(b.width).toBeGreaterThan(a.width)
    expect(b.height).toBeGreaterThan(a.height)
  })
})
