/** Types for scripts/build-cli.mjs (plain JavaScript so it runs without a TypeScript loader). */
export const ROOT: string
export const CLI_BUNDLE: string
export function cliIsStale(outfile?: string): boolean
export function buildCli(outfile?: string): Promise<string>
export function ensureCli(outfile?: string): Promise<string>
export const WORKER_NAME: string
