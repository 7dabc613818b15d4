/**
 * A workspace made of files: the text shown in the editor is the files joined in order, each under a
 * header comment naming it, so the user edits one YAML stream and we can still tell which bytes belong
 * to which file (download "as the files I opened", `membrane serve` saving back).
 *
 *   # file: shop/frontend.yaml
 *   <the file's bytes>
 *   ---
 *   # file: shop/backend.yaml
 *   <the file's bytes>
 *
 * `splitWorkspaceFiles(joinWorkspaceFiles(files))` gives the files back byte for byte (property-tested),
 * so a file the user did not touch compares equal to what was opened and is never written.
 */

export interface WorkspaceFile {
  /** Relative path with forward slashes, as opened (folder-relative for a folder). */
  readonly path: string
  readonly text: string
}

export interface SplitWorkspace {
  /** Text before the first header: documents typed or pasted that belong to no opened file. */
  readonly loose: string
  readonly files: readonly WorkspaceFile[]
}

const HEADER_PREFIX = '# file: '
const SEPARATOR = '---'

/** The header line for a path (no newline). Paths with a line break cannot be headers. */
export function fileHeader(path: string): string {
  return HEADER_PREFIX + path
}

/** True when a path can be carried in a header and split back unchanged. */
export function isHeaderSafePath(path: string): boolean {
  return path.length > 0 && !/[\r\n]/.test(path) && path.trim() === path
}

/**
 * Joins files into one editor text. Each file is preceded by its header line; files after the first
 * are preceded by a `---` line so their documents never merge with the previous file's last document.
 * A file whose text lacks a final newline gets one marker-free newline added, which the split removes
 * again (see `NO_EOL`).
 */
export function joinWorkspaceFiles(files: readonly WorkspaceFile[], loose = ''): string {
  let out = loose
  files.forEach((file, index) => {
    if (!isHeaderSafePath(file.path)) throw new Error(`file path cannot be a header: ${JSON.stringify(file.path)}`)
    if (index > 0 || out.length > 0) {
      if (out.length > 0 && !out.endsWith('\n')) out += '\n'
      out += SEPARATOR + '\n'
    }
    const body = file.text.endsWith('\n') || file.text.length === 0 ? file.text : file.text + '\n' + NO_EOL + '\n'
    out += fileHeader(file.path) + '\n' + body
  })
  return out
}

/**
 * A comment line that records "this file had no final newline", so the round trip is byte-exact.
 * Written only for such files, on its own line right before the next separator or the end.
 */
export const NO_EOL = '# (no newline at end of file)'

interface Line {
  readonly start: number
  readonly end: number // index of the line's end, before its '\n' (or text length)
  readonly text: string
}

function linesOf(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    const raw = text.slice(start, end)
    lines.push({ start, end, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw })
    if (nl === -1) break
    start = nl + 1
  }
  return lines
}

/**
 * Splits an editor text back into its files. A header counts only at the very start of the text or
 * right after a `---` line, so a `# file:` comment inside a document stays part of that document.
 * The `---` line in front of a header is the join's separator and belongs to no file.
 */
export function splitWorkspaceFiles(text: string): SplitWorkspace {
  const lines = linesOf(text)
  const headers: { line: number; path: string }[] = []
  lines.forEach((line, i) => {
    if (!line.text.startsWith(HEADER_PREFIX)) return
    const path = line.text.slice(HEADER_PREFIX.length)
    if (!isHeaderSafePath(path)) return
    if (i === 0 || lines[i - 1]!.text === SEPARATOR) headers.push({ line: i, path })
  })
  if (headers.length === 0) return { loose: text, files: [] }

  // Where each chunk ends: at the start of the separator line in front of the next header.
  const cut = (headerIndex: number): number => {
    const next = headers[headerIndex + 1]
    if (next === undefined) return text.length
    return next.line === 0 ? 0 : lines[next.line - 1]!.start
  }
  const first = headers[0]!
  const looseEnd = first.line === 0 ? 0 : lines[first.line - 1]!.start
  // The join adds '\n' after loose text that lacked one; a trailing newline is what editors write
  // anyway, so the loose text keeps it.
  const loose = text.slice(0, looseEnd)
  const files = headers.map((header, i) => {
    const bodyStart = header.line + 1 < lines.length ? lines[header.line + 1]!.start : text.length
    const raw = text.slice(Math.min(bodyStart, cut(i)), cut(i))
    return { path: header.path, text: restoreNoEol(raw) }
  })
  return { loose, files }
}

function restoreNoEol(body: string): string {
  const marker = '\n' + NO_EOL + '\n'
  return body.endsWith(marker) ? body.slice(0, -marker.length) : body
}

/** Which opened files changed, compared by exact bytes; files missing from `after` are reported too. */
export function changedFiles(
  before: readonly WorkspaceFile[],
  after: readonly WorkspaceFile[],
): { changed: WorkspaceFile[]; added: WorkspaceFile[]; removed: string[] } {
  const old = new Map(before.map((f) => [f.path, f.text]))
  const now = new Map(after.map((f) => [f.path, f.text]))
  const changed: WorkspaceFile[] = []
  const added: WorkspaceFile[] = []
  for (const file of after) {
    const prev = old.get(file.path)
    if (prev === undefined) added.push(file)
    else if (prev !== file.text) changed.push(file)
  }
  const removed = before.filter((f) => !now.has(f.path)).map((f) => f.path)
  return { changed, added, removed }
}
