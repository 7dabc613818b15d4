/**
 * `--agent-config <file>` and `--cilium-version <v>`: the agent settings of evaluate / check /
 * trace from the cluster's own cilium-config (kubectl -o yaml|json, `cilium config view`) or
 * Helm values. What was read, with the value used, and what was ignored go to stderr.
 */
import { parseVersion } from '../domain/engine/index.ts'
import type { AgentSettings } from '../domain/settings/index.ts'
import { importAgentConfig } from '../domain/settings/index.ts'
import type { ParsedArgs } from './args.ts'
import { one } from './args.ts'
import type { CliIo } from './io.ts'
import { CliError, readText } from './io.ts'

export const AGENT_CONFIG_FLAGS = { 'agent-config': 'one', 'cilium-version': 'one' } as const

export const AGENT_CONFIG_HELP = `  --agent-config <file>      the agent's settings: kubectl -n kube-system get configmap cilium-config
                             -o yaml|json, cilium config view, or Helm values (flags above win)
  --cilium-version <v>       the Cilium release whose semantics apply, e.g. 1.17 (default: newest)`

const MAX_IGNORED_SHOWN = 12

/** Settings from --agent-config and --cilium-version; explicit flags are applied over these by the caller. */
export function agentConfigSettings(io: CliIo, args: ParsedArgs): Partial<AgentSettings> {
  const file = one(args, 'agent-config')
  let settings: Partial<AgentSettings> = {}
  if (file !== undefined) {
    const r = importAgentConfig(readText(io, file, 'agent config'))
    const fatal = r.problems.find((p) => p.fatal)
    if (fatal) throw new CliError(`${file}:${fatal.line ?? 1}:${fatal.column ?? 1}: ${fatal.message}`)
    for (const p of r.problems) io.stderr(`${file}${p.line !== undefined ? `:${p.line}` : ''}: warning: ${p.message}\n`)
    if (r.read.length === 0 && r.problems.length > 0 && r.ignored.length === 0)
      throw new CliError(`${file}: no agent settings found (expected a cilium-config ConfigMap, cilium config view output or Helm values)`)
    const used = r.read.map((k) => `${k.key}=${k.raw}${String(k.value) !== k.raw ? ` (${String(k.value)})` : ''}`)
    io.stderr(`${file}: ${r.format}: read ${used.length} setting(s)${used.length > 0 ? `: ${used.join(', ')}` : ''}\n`)
    if (r.ignored.length > 0) {
      const shown = r.ignored.slice(0, MAX_IGNORED_SHOWN).map((k) => k.key).join(', ')
      const more = r.ignored.length > MAX_IGNORED_SHOWN ? `, … ${r.ignored.length - MAX_IGNORED_SHOWN} more` : ''
      io.stderr(`${file}: ignored ${r.ignored.length} key(s) Membrane does not model: ${shown}${more}\n`)
    }
    settings = r.settings
  }
  const version = one(args, 'cilium-version')
  if (version !== undefined) {
    const v = parseVersion(version)
    if (v === null) throw new CliError(`--cilium-version must look like 1.17 or v1.17.3, got '${version}'`)
    settings = { ...settings, ciliumVersion: `${v[0]}.${v[1]}` }
  }
  return settings
}
