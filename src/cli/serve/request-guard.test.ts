import { describe, expect, it } from 'vitest'
import { checkHost, checkOrigin, checkToken } from './request-guard.ts'

const loopback = { port: 4173, host: '127.0.0.1', token: 'abc_DEF-123' }
const wide = { ...loopback, host: '0.0.0.0' }

describe('request guard', () => {
  it.each([
    ['127.0.0.1:4173', loopback, true],
    ['localhost:4173', loopback, true],
    ['[::1]:4173', loopback, true],
    ['LOCALHOST:4173', loopback, true],
    ['127.0.0.1:4174', loopback, false],
    ['127.0.0.1', loopback, false],
    ['evil.example:4173', loopback, false],
    ['192.168.1.5:4173', loopback, false],
    ['192.168.1.5:4173', wide, true],
    ['[fe80::1]:4173', wide, true],
    ['evil.example:4173', wide, false],
    ['localhost.evil.example:4173', wide, false],
  ] as const)('Host %s (bound %s) accepted: %s', (host, config, ok) => {
    expect(checkHost(host, config) === null).toBe(ok)
  })

  it('refuses a missing Host with 421', () => {
    expect(checkHost(undefined, loopback)?.status).toBe(421)
  })

  it('accepts no Origin or its own, refuses any other and cross-site fetches', () => {
    expect(checkOrigin({ host: '127.0.0.1:4173' })).toBeNull()
    expect(checkOrigin({ host: '127.0.0.1:4173', origin: 'http://127.0.0.1:4173', 'sec-fetch-site': 'same-origin' })).toBeNull()
    expect(checkOrigin({ host: '127.0.0.1:4173', origin: 'http://localhost:4173' })?.status).toBe(403)
    expect(checkOrigin({ host: '127.0.0.1:4173', origin: 'null' })?.status).toBe(403)
    expect(checkOrigin({ host: '127.0.0.1:4173', 'sec-fetch-site': 'same-site' })?.status).toBe(403)
  })

  it('needs the exact token as a bearer', () => {
    expect(checkToken('Bearer abc_DEF-123', loopback)).toBeNull()
    expect(checkToken('Bearer abc_DEF-12', loopback)?.status).toBe(401)
    expect(checkToken('abc_DEF-123', loopback)?.status).toBe(401)
    expect(checkToken(undefined, loopback)?.status).toBe(401)
  })
})
