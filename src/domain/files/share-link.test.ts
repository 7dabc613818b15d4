import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { deflateSync } from 'fflate'
import { SHARE_PREFIX, base64url, decodeShareFragment, encodeShareFragment, fromBase64url } from './share-link.ts'

const POLICY = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: "ünïcode ✓"\n  namespace: shop\n'

describe('share links', () => {
  it('round-trip any text, unicode included', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => decodeShareFragment(encodeShareFragment(text)) === text))
    expect(decodeShareFragment(encodeShareFragment(POLICY))).toBe(POLICY)
  })
  it('use only URL-safe characters after #ws=', () => {
    const frag = encodeShareFragment(POLICY.repeat(50))
    expect(frag.startsWith(SHARE_PREFIX)).toBe(true)
    expect(frag.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/)
    // Compressed: 50 copies cost little more than one.
    expect(frag.length).toBeLessThan(POLICY.length * 2)
  })
  it('encode base64url as RFC 4648 §5 does', () => {
    expect(base64url(new TextEncoder().encode('foob'))).toBe('Zm9vYg')
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
    expect([...fromBase64url('-_8')]).toEqual([0xfb, 0xff])
  })
  it('refuse a damaged or cut-off link with a reason', () => {
    const frag = encodeShareFragment(POLICY)
    expect(() => decodeShareFragment(frag.slice(0, frag.length - 10))).toThrow(/damaged|cut off/)
    expect(() => decodeShareFragment('#ws=$$$')).toThrow(/characters/)
    expect(() => decodeShareFragment('#other')).toThrow(/not a share link/)
  })
  it('stop inflating a link that would grow past the cap (a crafted "zip bomb")', () => {
    const bomb = SHARE_PREFIX + base64url(deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 }))
    expect(() => decodeShareFragment(bomb, 1024 * 1024)).toThrow(/larger than 1 MB/)
  })
})
