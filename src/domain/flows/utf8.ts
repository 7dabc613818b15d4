/**
 * UTF-8 decoding with the WHATWG `TextDecoder`, which browsers, workers and Node all have as a
 * global but no ECMAScript lib declares: typed here so the domain compiles without the DOM lib.
 */
export interface Utf8Decoder {
  decode(input: Uint8Array, options: { stream: boolean }): string
}

interface WithTextDecoder {
  readonly TextDecoder: new (label: 'utf-8') => Utf8Decoder
}

/** A streaming UTF-8 decoder (keeps a split multi-byte character for the next chunk). */
export function utf8Decoder(): Utf8Decoder {
  return new (globalThis as unknown as WithTextDecoder).TextDecoder('utf-8')
}
