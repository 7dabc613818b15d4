/**
 * The `--policies` folder of `membrane serve`: which files the page opens, and the only place that
 * writes into it. Every write is checked twice: the path as given (relative, no `..`, a policy
 * extension) and the real path after symlinks (inside the folder's real path), then written to a
 * temporary file in the same directory and renamed over the old one, so a reader never sees half
 * a file and a crash leaves the old bytes.
 */
import { createHash, randomBytes } from 'node:crypto'
import { lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const POLICY_EXTENSIONS = ['.yaml', '.yml', '.json'] as const

export interface FolderFile {
  /** Folder-relative, forward slashes: the page's `# file:` header. */
  readonly path: string
  readonly text: string
  /** Hash of the bytes: what a save names as the version it edited. */
  readonly version: string
}

/** Why a path was refused (the message names the rule, the status is the HTTP answer). */
export class PathRefused extends Error {
  constructor(message: string, readonly status: 400 | 403 = 400) {
    super(message)
  }
}

export function versionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 24)
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes bytes so that encoding the text again gives the same bytes (BOM kept), or null. */
export function exactText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

export function isPolicyFile(name: string): boolean {
  const lower = name.toLowerCase()
  return POLICY_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/**
 * A path the page sent, checked as text before anything touches the disk: relative, forward
 * slashes, no empty, `.` or `..` segment, no control characters, a policy extension.
 */
export function checkRelativePath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0) throw new PathRefused('the file path is empty')
  if (p.length > 1024) throw new PathRefused('the file path is longer than 1024 characters')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) throw new PathRefused(`the file path has a control character: ${JSON.stringify(p)}`)
  if (p.includes('\\')) throw new PathRefused(`the file path has a backslash (use /): ${p}`)
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) throw new PathRefused(`absolute paths are refused, the path must be inside the policy folder: ${p}`, 403)
  const segments = p.split('/')
  if (segments.includes('..')) throw new PathRefused(`'..' is refused, the path must stay inside the policy folder: ${p}`, 403)
  if (segments.some((s) => s === '' || s === '.')) throw new PathRefused(`the file path has an empty or '.' segment: ${p}`)
  if (!isPolicyFile(p)) throw new PathRefused(`only ${POLICY_EXTENSIONS.join(', ')} files are written: ${p}`)
  return p
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

export class PolicyFolder {
  /** The folder's real path (symlinks resolved once, at start). */
  readonly root: string
  /** Files left out of the page: not UTF-8, or a link leading out of the folder. */
  readonly skipped: string[] = []

  constructor(dir: string) {
    this.root = realpathSync(dir)
    if (!statSync(this.root).isDirectory()) throw new Error(`not a directory: ${dir}`)
  }

  /** Every policy file, recursive, sorted by path; dot-folders and node_modules are left out. */
  list(): FolderFile[] {
    this.skipped.length = 0
    const out: FolderFile[] = []
    const walk = (dir: string, rel: string): void => {
      for (const name of readdirSync(dir).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue
        const abs = path.join(dir, name)
        const relPath = rel === '' ? name : `${rel}/${name}`
        let real: string
        try {
          real = realpathSync(abs)
        } catch {
          continue // a dangling link
        }
        if (!inside(this.root, real)) {
          this.skipped.push(`${relPath} (a link out of the folder)`)
          continue
        }
        const st = statSync(real)
        if (st.isDirectory()) {
          // A link to a folder inside the folder would list the same files twice (or loop).
          if (lstatSync(abs).isSymbolicLink()) continue
          walk(abs, relPath)
        } else if (st.isFile() && isPolicyFile(name)) {
          const file = this.read(relPath)
          if (file) out.push(file)
          else this.skipped.push(`${relPath} (not UTF-8 text)`)
        }
      }
    }
    walk(this.root, '')
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  /** One file as the page gets it, or null when it is missing or not exact UTF-8. */
  read(relPath: string): FolderFile | null {
    let bytes: Buffer
    try {
      bytes = readFileSync(this.resolve(relPath, { mustExist: true }))
    } catch {
      return null
    }
    const text = exactText(bytes)
    return text === null ? null : { path: relPath, text, version: versionOf(bytes) }
  }

  /** The version of the bytes on disk now (null: no such file). */
  currentVersion(relPath: string): string | null {
    try {
      return versionOf(readFileSync(this.resolve(relPath, { mustExist: true })))
    } catch (e) {
      if (e instanceof PathRefused) throw e
      return null
    }
  }

  /**
   * The real path a folder-relative path reaches, refused when it (or the nearest existing folder
   * above it, for a new file) resolves outside the folder: a symlink cannot carry a write out.
   */
  resolve(relPath: string, { mustExist = false } = {}): string {
    const p = checkRelativePath(relPath)
    const abs = path.join(this.root, ...p.split('/'))
    let probe = abs
    for (;;) {
      let real: string | null
      try {
        real = realpathSync(probe)
      } catch {
        real = null
      }
      if (real !== null) {
        if (!inside(this.root, real)) throw new PathRefused(`${p} leads out of the policy folder (through a symbolic link)`, 403)
        if (probe === abs) {
          if (!statSync(real).isFile()) throw new PathRefused(`${p} is not a file`)
          return real
        }
        // The file does not exist yet: it is created under this real folder.
        if (mustExist) throw new Error(`no such file: ${p}`)
        return path.join(real, path.relative(probe, abs))
      }
      // A dangling symlink could be followed by the write: refuse rather than guess where it goes.
      try {
        if (lstatSync(probe).isSymbolicLink()) throw new PathRefused(`${p} goes through a dangling symbolic link`, 403)
      } catch (e) {
        if (e instanceof PathRefused) throw e
      }
      const parent = path.dirname(probe)
      if (parent === probe) throw new PathRefused(`${p} has no existing folder`, 403)
      probe = parent
    }
  }

  /**
   * Writes `text` to `relPath` atomically: temp file in the same directory (so the rename never
   * crosses a file system), the old file's mode kept, then rename. Returns the new version.
   */
  write(relPath: string, text: string): string {
    const target = this.resolve(relPath)
    const dir = path.dirname(target)
    mkdirSync(dir, { recursive: true })
    // The folders just made are inside: re-check the real path of the target's folder anyway.
    if (!inside(this.root, realpathSync(dir))) throw new PathRefused(`${relPath} leads out of the policy folder`, 403)
    let mode: number | undefined
    try {
      mode = statSync(target).mode & 0o7777
    } catch {
      mode = undefined
    }
    const bytes = Buffer.from(text, 'utf8')
    const tmp = path.join(dir, `.${path.basename(target)}.membrane-${randomBytes(6).toString('hex')}.tmp`)
    try {
      writeFileSync(tmp, bytes, { flag: 'wx', ...(mode !== undefined && { mode }) })
      renameSync(tmp, target)
    } catch (e) {
      rmSync(tmp, { force: true })
      throw e
    }
    return versionOf(bytes)
  }
}
