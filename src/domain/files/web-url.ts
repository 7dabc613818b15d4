/**
 * The WHATWG `URL` parser, which browsers, workers and Node all have as a global but no ECMAScript
 * lib declares: typed here (as `flows/utf8.ts` does for TextDecoder) so the domain compiles without
 * the DOM lib.
 */
export interface ParsedUrl {
  readonly href: string
  readonly origin: string
  readonly protocol: string
  readonly username: string
  readonly password: string
  readonly pathname: string
}

interface WithUrl {
  readonly URL: new (url: string, base?: string) => ParsedUrl
}

/** Throws (a TypeError) when `raw` is not an address, as `new URL` does. */
export function parseUrl(raw: string, base?: string): ParsedUrl {
  return new (globalThis as unknown as WithUrl).URL(raw, base)
}
