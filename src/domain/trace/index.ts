/** Traced connections: public surface of `src/domain/trace` (the Trace panel and `membrane trace`). */
export type { PeerFacts, PeerSpec } from './peer.ts'
export { PeerError, RESOLVED_IP, describePeer, peerRef } from './peer.ts'
export type { TraceAnswer, TraceQuery, TracedConnection } from './trace.ts'
export { traceConnection, traceRequest } from './trace.ts'
export type { EdgeProbe } from './edge-probes.ts'
export { elementProbes } from './edge-probes.ts'
export type { DecidingRule, EdgeCause, EdgeNames, EdgeVerdict } from './edge-verdicts.ts'
export { edgeVerdicts, graphEdgeNames } from './edge-verdicts.ts'
