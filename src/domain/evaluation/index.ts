/** Hubble flows → engine verdicts: the adapter and the batch evaluators the CLI and worker share. */
export { FlowAdapter, dnsAnswer, isReply, l7Request, protocolOf, timeOrder } from './flow-adapter.ts'
export { FlowEvaluator } from './flow-evaluator.ts'
