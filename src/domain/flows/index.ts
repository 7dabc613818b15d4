/** Hubble flow ingest: public surface of `src/domain/flows`. */
export type {
  Flow, FlowDns, FlowEndpoint, FlowHttp, FlowKafka, FlowL4, FlowL7, FlowPolicyMatch, FlowPolicyRef, FlowType,
  HttpHeader, IngestResult, L4Protocol, SkippedSample, TrafficDirection, Verdict, Workload,
} from './flow.ts'
export type { FlowParser, IngestOptions, IngestProgress } from './parser.ts'
export { createFlowParser, ingestFlows } from './parser.ts'
export { POLICY_DROP_REASONS } from './enums.ts'
export { splitUrl } from './l7.ts'
