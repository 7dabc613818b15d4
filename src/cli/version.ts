/** The package version, for `membrane --version` and report metadata. */
import { readFileSync } from 'node:fs'

/** Replaced by the bundler (scripts/build-cli.mjs) with the version from package.json. */
declare const __MEMBRANE_VERSION__: string | undefined

export function version(): string {
  if (typeof __MEMBRANE_VERSION__ === 'string') return __MEMBRANE_VERSION__
  // Running from the sources (unit tests): package.json is two folders up from src/cli.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}
