/** Public API of the agent settings model and its importers. */
export { DEFAULT_AGENT_SETTINGS, SETTING_FIELDS, sanitizeAgentSettings, sanitizeAuditScope, settingField, toggleAuditScope } from './model.ts'
export type { AgentSettingKey, AgentSettings, SettingField, SettingKind } from './model.ts'
export { importAgentConfig } from './import.ts'
export type { ImportFormat, ImportProblem, ReadKey, SettingsImport } from './import-result.ts'
export { convertValue, parseGoDuration } from './values.ts'
