import { describe, expect, it } from 'vitest'
import { PORT_PRESETS, parsePorts } from './port-presets.ts'

describe('parsePorts', () => {
  it('reads protocols, ranges and named ports', () => {
    expect(parsePorts('TCP/8080, udp/53, 8000-8100, https')).toEqual([
      { port: '8080', protocol: 'TCP' },
      { port: '53', protocol: 'UDP' },
      { port: '8000', protocol: 'TCP', endPort: 8100 },
      { port: 'https', protocol: 'TCP' },
    ])
  })
  it('an empty text means no port restriction', () => {
    expect(parsePorts('')).toEqual([])
  })
  it('says what is wrong with bad input', () => {
    expect(parsePorts('ICMP/8')).toMatch(/Unknown protocol/)
    expect(parsePorts('70000')).toMatch(/above 65535/)
    expect(parsePorts('90-80')).toMatch(/Bad port range/)
  })
  it('every preset parses', () => {
    for (const p of PORT_PRESETS) expect(Array.isArray(parsePorts(p.ports))).toBe(true)
  })
})
