/** Traced connections: public surface of `src/domain/trace` (the Trace panel and `membrane trace`). */
export type { PeerFacts, PeerSpec } from './peer.ts'
export { PeerError, RESOLVED_IP, describePeer, peerRef } from './peer.ts'
export type { TraceAnswer, TraceQuery, TracedConnection } from './trace.ts'
export { traceConnection, traceRequest } from './trace.ts'
