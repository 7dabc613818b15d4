/**
 * A workspace carried in a link: the text deflated (fflate) and base64url-encoded into the URL
 * fragment, which browsers never send to a server, so sharing needs none. `#ws=<data>`.
 * Decoding caps the inflated size, so a crafted link cannot exhaust the page's memory.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate'

export const SHARE_PREFIX = '#ws='

/**
 * Links longer than this may be cut or refused by some tools: chat and ticket systems that wrap or
 * shorten long lines, QR codes (~3 KB), older proxies and servers that cap a URL at 8 KB.
 */
export const SHARE_WARN_LENGTH = 8 * 1024

/** The most text a share link may inflate to (a workspace bigger than this is not a link's job). */
export const SHARE_MAX_TEXT_BYTES = 4 * 1024 * 1024

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

/** RFC 4648 §5 base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!
    if (b !== undefined) out += B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!
    if (c !== undefined) out += B64[c & 63]!
  }
  return out
}

export function fromBase64url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '')
  if (clean.length % 4 === 1) throw new Error('the link is cut off')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let bits = 0
  let acc = 0
  let n = 0
  for (const ch of clean) {
    const v = B64_INDEX.get(ch)
    if (v === undefined) throw new Error('the link contains characters a share link never has')
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (acc >> bits) & 0xff
    }
  }
  return out.subarray(0, n)
}

/** The fragment (with `#`) that carries `text`. */
export function encodeShareFragment(text: string): string {
  return SHARE_PREFIX + base64url(deflateSync(strToU8(text), { level: 9 }))
}

/** True when a location hash is a share link. */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX)
}

/** The workspace text of a share fragment; throws with a reason the user can read. */
export function decodeShareFragment(hash: string, maxBytes = SHARE_MAX_TEXT_BYTES): string {
  if (!isShareFragment(hash)) throw new Error('not a share link')
  let data: string
  try {
    data = decodeURIComponent(hash.slice(SHARE_PREFIX.length))
  } catch {
    throw new Error('the link is damaged')
  }
  const packed = fromBase64url(data)
  const chunks: Uint8Array[] = []
  let size = 0
  let failed: Error | null = null
  const inflate = new Inflate((chunk) => {
    size += chunk.length
    if (size > maxBytes) failed = new Error(`the shared workspace is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
    else chunks.push(chunk)
  })
  try {
    // Fed in small pieces: each yields at most ~1 MB, so an oversized (or crafted) link stops early.
    const STEP = 1024
    for (let i = 0; i < packed.length && !failed; i += STEP) inflate.push(packed.subarray(i, i + STEP), i + STEP >= packed.length)
    if (packed.length === 0) inflate.push(packed, true)
  } catch {
    throw new Error('the link is damaged or cut off')
  }
  if (failed) throw failed
  const all = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    all.set(c, offset)
    offset += c.length
  }
  return strFromU8(all)
}
