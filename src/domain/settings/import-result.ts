/** What an import of agent settings found: the keys it used, the keys it ignored, the problems. */
import type { AgentSettingKey, AgentSettings } from './model.ts'

export type ImportFormat = 'cilium-config' | 'cilium-config-view' | 'helm-values'

/** A key that set a setting, with the value used. */
export interface ReadKey {
  /** As written: `policy-audit-mode`, `hostFirewall.enabled`, `extraConfig.allow-localhost`. */
  readonly key: string
  readonly raw: string
  readonly field: AgentSettingKey
  readonly value: AgentSettings[AgentSettingKey]
  /** 1-based line in the imported text, when known. */
  readonly line?: number
  /** How the raw value was read, when not literally (e.g. "auto means always on Kubernetes"). */
  readonly note?: string
}

export interface ImportProblem {
  readonly key?: string
  readonly message: string
  readonly line?: number
  readonly column?: number
  /** The text was not read at all (too deep, an alias bomb): the CLI stops with exit 2. */
  readonly fatal?: true
}

export interface SettingsImport {
  readonly format: ImportFormat
  /** Only the settings the text sets; apply over the current ones. */
  readonly settings: Partial<AgentSettings>
  readonly read: readonly ReadKey[]
  /** Keys that set nothing Membrane models (ignored, listed so nothing is silently dropped). */
  readonly ignored: readonly { readonly key: string; readonly line?: number }[]
  readonly problems: readonly ImportProblem[]
}

/** Collects the result while a reader walks the keys. */
export class ImportBuilder {
  readonly settings: Partial<Record<AgentSettingKey, unknown>> = {}
  readonly read: ReadKey[] = []
  readonly ignored: { key: string; line?: number }[] = []
  readonly problems: ImportProblem[] = []

  finish(format: ImportFormat): SettingsImport {
    return {
      format,
      settings: this.settings as Partial<AgentSettings>,
      read: this.read,
      ignored: this.ignored,
      problems: this.problems,
    }
  }
}
