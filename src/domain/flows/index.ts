/** Hubble flow ingest: public surface of `src/domain/flows`. */
export type {
  Flow, FlowDns, FlowEndpoint, FlowHttp, FlowKafka, FlowL4, FlowL7, FlowPolicyMatch, FlowPolicyRef, FlowType,
  HttpHeader, IngestResult, L4Protocol, LostEvents, SkippedSample, TrafficDirection, Verdict, Workload,
} from './flow.ts'
export type { FlowParser, IngestCaches, IngestOptions, IngestProgress } from './parser.ts'
export { createFlowParser, createIngestCaches, ingestFlows } from './parser.ts'
export { POLICY_DROP_REASONS } from './enums.ts'
export { dnsAnswer, splitUrl } from './l7.ts'
export { isReply } from './reply.ts'
export type { FlowColumns } from './columnar.ts'
export {
  F_DNS_ANSWER, F_EPHEMERAL_DST, F_IRREGULAR, F_L7, F_REPLY, F_REPLY_KNOWN, PROTO_ICMPV4, PROTO_ICMPV6, PROTO_NONE,
  PROTO_OTHER, PROTO_SCTP, PROTO_TCP, PROTO_UDP, isReplyFlags, timeOrderOf, toColumns,
} from './columnar.ts'
export type { ByteStream, FlowIngest, FlowIngestProgress, ReadFlowStreamOptions } from './stream.ts'
export { createFlowIngest, decompressChunks, isGzip, readFlowStream } from './stream.ts'
export type { CaptureFile, MergedCapture, MergedFileSummary, MergedLostEvents } from './merge.ts'
export { FlowDeduper, flowFingerprint, flowHash, mergeCaptures } from './merge.ts'
export type { Connection, GroupOptions } from './connections.ts'
export { connectionKey, groupConnections } from './connections.ts'
