/**
 * The gate must not fail open (issue 8): `check` passing on a gzip capture, `/dev/null` or a YAML
 * file given as `--flows` ("no flows found … check passed") lets a broken pipeline ship. No flows
 * read is an error that names the file and what it holds instead, unless `--allow-empty` says an
 * empty capture is expected.
 */
import type { CliIo } from './io.ts'
import type { FlowFileSummary, StreamedFlows } from './load.ts'
import { CliError, STDIN_NAME, resolvePath } from './io.ts'
import { printable } from './safe-text.ts'

export const ALLOW_EMPTY_HELP = '  --allow-empty              accept a flows input with no flows (otherwise exit 2)'

/**
 * Throws (exit 2) when the streamed inputs held no flows and the user did not pass --allow-empty,
 * naming each input and what it held instead.
 */
export function requireFlows(io: CliIo, streamed: StreamedFlows, allowEmpty: boolean): void {
  if (streamed.flows > 0 || allowEmpty) return
  const what = streamed.files.map((f) => `${printable(f.file)}: found ${foundInstead(io, f)}`)
  const inputs = what.length > 0 ? what.join('; ') : 'no input files'
  throw new CliError(`no flows read from ${inputs}; give Hubble flows (hubble observe -o json), or --allow-empty if an empty capture is expected`)
}

/** What the input holds instead of flows, in a few words. */
export function foundInstead(io: CliIo, loaded: Pick<FlowFileSummary, 'file' | 'skipped' | 'skippedSamples' | 'nonFlow'>): string {
  const head = loaded.file === STDIN_NAME ? undefined : readHead(io, loaded.file)
  if (head !== undefined) {
    const what = sniff(head)
    if (what !== undefined) return what
  }
  if (loaded.nonFlow > 0) return `${loaded.nonFlow} non-flow event(s) (lost_events, node_status, agent_event…) and no flow`
  if (loaded.skipped > 0) {
    const first = loaded.skippedSamples[0]
    return `${loaded.skipped} unreadable record(s)${first ? ` (line ${first.line}: ${printable(first.reason)})` : ''}`
  }
  return head !== undefined && head.trim() === '' ? 'an empty file' : 'no records'
}

/** The first 4 KB of the file, or undefined when it cannot be read again. */
function readHead(io: CliIo, file: string): string | undefined {
  try {
    return io.readFile(resolvePath(io, file)).slice(0, 4096)
  } catch {
    return undefined
  }
}

/** Recognizes the usual wrong inputs by their first bytes. */
export function sniff(head: string): string | undefined {
  if (head.trim() === '') return 'an empty file'
  if (head.charCodeAt(0) === 0x1f && (head.charCodeAt(1) === 0x8b || head.charCodeAt(1) === 0xfffd)) return 'gzip-compressed data'
  if (head.startsWith('PK\u0003\u0004')) return 'a zip archive'
  if (head.startsWith('\u0028\u00b5\u002f\ufffd') || head.startsWith('(\ufffd/\ufffd')) return 'zstd-compressed data'
  if (head.includes('\u0000') || [...head.slice(0, 512)].filter((c) => c === '\ufffd').length > 8) return 'binary data'
  const first = head.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'))
  if (first !== undefined && (first === '---' || /^(apiVersion|kind|metadata|spec|items)\s*:/.test(first) || /^- [A-Za-z_][\w.-]*\s*:/.test(first))) {
    return 'YAML (Kubernetes objects or a list), not Hubble JSON'
  }
  return undefined
}
