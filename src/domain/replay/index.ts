/**
 * Flow replay: Hubble flows → the draft's verdicts, for the CLI (`evaluate`, `check`) and the
 * worker's loaded flows. The engine decides; this folder turns flows into its requests.
 */
export { FlowAdapter, l7Request, protocolOf } from './flow-adapter.ts'
export type { AdapterOptions } from './flow-adapter.ts'
export { FlowEvaluator } from './flow-evaluator.ts'
export type { FlowVerdict, FlowsLoaded, VerdictSummary } from './verdicts.ts'
export { flowVerdicts } from './verdicts.ts'
