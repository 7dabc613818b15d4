import { describe, expect, it } from 'vitest'
import { edgeLabelText, LABEL_MAX_CHARS } from './edge-label-text.ts'

describe('edge label badges', () => {
  it('every badge is its own line, wrapped, never folded into "+N more", and the box grows for it', () => {
    const badges = [
      { kind: 'tls' as const, text: 'TLS sni: api.example.com', explain: '' },
      { kind: 'l7-unevaluated' as const, text: 'L7 envoy.filters.network.redis_proxy not evaluated', explain: '' },
    ]
    const groups = [{ protocol: 'HTTP', rules: ['GET /1', 'GET /2', 'GET /3', 'GET /4', 'GET /5', 'GET /6', 'GET /7'] }]
    const plain = edgeLabelText({ kind: 'allow', label: 'TCP/443' }, groups)
    const t = edgeLabelText({ kind: 'allow', label: 'TCP/443', badges }, groups)
    const badgeLines = t.lines.filter((l) => l.kind === 'badge').map((l) => l.text)
    expect(badgeLines[0]).toBe('TLS sni: api.example.com')
    expect(badgeLines.slice(1).join(' ').replace(/\s+/g, ' ')).toBe('L7 envoy.filters.network. redis_proxy not evaluated')
    expect(t.lines.every((l) => l.text.length <= LABEL_MAX_CHARS)).toBe(true)
    expect(t.hidden).toBe(plain.hidden)
    expect(t.height).toBeGreaterThan(plain.height)
    expect(t.width).toBeGreaterThan(plain.width)
  })

  it('a generic L7 parser name longer than a line still wraps (it used to hang the page)', () => {
    const t = edgeLabelText({ kind: 'allow', label: 'TCP/7000' }, [{ protocol: 'envoy.filters.network.redis_proxy', rules: ['cmd=GET', 'cmd=SET key=a'] }])
    expect(t.lines.filter((l) => l.kind === 'l7').length).toBeGreaterThan(2)
    expect(t.lines.every((l) => l.text.length <= LABEL_MAX_CHARS)).toBe(true)
    expect(t.lines.map((l) => l.text.trim()).join(' ')).toContain('cmd=SET key=a')
  })
})
