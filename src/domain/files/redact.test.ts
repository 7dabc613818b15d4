import { describe, expect, it } from 'vitest'
import { createRedactor } from './redact.ts'

const IPS = /\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b/gi

describe('createRedactor', () => {
  it('replaces every IPv4 and IPv6 address, the same way each time, keeping CIDR prefixes', () => {
    const r = createRedactor()
    const out = r.text('10.0.1.7 → 10.0.1.8, again 10.0.1.7; cidr 172.16.0.0/12; v6 fd00::1a and FD00:0:0::1A; world (8.8.8.8)')
    expect(out).toBe('192.0.2.1 → 192.0.2.2, again 192.0.2.1; cidr 192.0.2.3/12; v6 2001:db8::1 and 2001:db8::1; world (192.0.2.4)')
    // Consistent across calls of one redactor.
    expect(r.ip('10.0.1.8')).toBe('192.0.2.2')
    const left = [...out.matchAll(IPS)].map((m) => m[0]).filter((ip) => !ip.startsWith('192.0.2.') && !ip.startsWith('2001:db8'))
    expect(left).toEqual([])
  })
  it('leaves versions, times, ports and label values alone', () => {
    const r = createRedactor()
    const text = 'v1.2.3 at 12:30:05, TCP/8080, app=frontend, image: nginx:1.25, cilium.io/v2'
    expect(r.text(text)).toBe(text)
  })
  it('replaces known pod names as whole words and keeps labels and namespaces', () => {
    const r = createRedactor({ podNames: ['frontend-7d9f-x2', 'db-0', 'shop'], keep: ['shop', 'frontend'] })
    const out = r.text('shop/frontend-7d9f-x2 → shop/db-0 (app=frontend); db-0 again; db-01 is another word')
    expect(out).toBe('shop/pod-1 → shop/pod-2 (app=frontend); pod-2 again; db-01 is another word')
    expect(r.pod('frontend-7d9f-x2')).toBe('pod-1')
    // A pod named like a namespace is kept: the namespace carries meaning.
    expect(r.pod('shop')).toBe('shop')
  })
  it('runs past the first documentation range without reusing a stand-in', () => {
    const r = createRedactor()
    const seen = new Set<string>()
    for (let i = 0; i < 1000; i++) seen.add(r.ip(`10.${i >> 8}.${i & 255}.1`))
    expect(seen.size).toBe(1000)
  })
})
