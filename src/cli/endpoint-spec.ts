/**
 * Endpoint and port arguments of `trace` and of expectations:
 * `ns/pod`, `ns:k=v,k2=v2`, `entity:world`, `ip:1.2.3.4`, `fqdn:api.example.com`; ports `8080/TCP`,
 * `53/UDP`, `8/ICMPv4`. The syntax is domain/expectations' (shared with the page's expectations);
 * what a peer stands for is `domain/trace`'s, the same as in the Trace panel. Here the domain's
 * errors become usage errors (exit 2) with the CLI's hints.
 */
import type { EndpointRef } from '../domain/engine/index.ts'
import type { PortSpec } from '../domain/expectations/index.ts'
import { SPEC_HELP, SpecError, parseHttpSpec as parseDomainHttpSpec, parsePeerSpec as parseDomainPeerSpec, parsePortSpec as parseDomainPortSpec } from '../domain/expectations/index.ts'
import type { FlowEndpoint } from '../domain/flows/index.ts'
import type { PeerFacts, PeerSpec } from '../domain/trace/index.ts'
import { PeerError, peerRef } from '../domain/trace/index.ts'
import { CliError } from './io.ts'

/** What the CLI knows beyond the policies (`--inventory`, `--flows`, `--cluster-name`). */
export type SpecContext = PeerFacts

/** The peer an argument names; throws a usage error for text it cannot read. */
export function parsePeerSpec(spec: string): PeerSpec {
  return withSpecErrors(() => parseDomainPeerSpec(spec))
}

/** Runs `f`, turning unreadable endpoint/port/request text (domain `SpecError`) into a usage error. */
export function withSpecErrors<T>(f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof SpecError) throw new CliError(e.message)
    throw e
  }
}

/**
 * Runs `f`, which resolves peers, turning a peer nobody knows into a usage error (exit 2) with
 * the CLI's hint.
 */
export function withPeerErrors<T>(f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof PeerError) throw new CliError(`${e.message} (give --inventory, or ${SPEC_HELP})`)
    throw e
  }
}

/** The engine ref for an argument (expectations); a DNS name needs `trace`, which resolves it. */
export function parseEndpointSpec(spec: string, ctx: SpecContext): EndpointRef {
  const peer = parsePeerSpec(spec)
  if (peer.kind === 'fqdn') throw new CliError(`'${spec}': a DNS name is resolved by its source's DNS rules; use membrane trace --to ${spec}`)
  return withPeerErrors(() => peerRef(peer, ctx))
}

export type { PortSpec }

export function parsePortSpec(spec: string): PortSpec {
  return withSpecErrors(() => parseDomainPortSpec(spec))
}

/** `GET /path` (method optional: `/path` means GET). */
export function parseHttpSpec(spec: string): { method: string; path: string } {
  return withSpecErrors(() => parseDomainHttpSpec(spec))
}

/** Observed pods from flows, `ns/pod` → endpoint, for specs without an inventory. */
export function observedPods(endpoints: Iterable<FlowEndpoint>): Map<string, FlowEndpoint> {
  const out = new Map<string, FlowEndpoint>()
  for (const e of endpoints) if (e.namespace && e.podName && e.isEndpoint) out.set(`${e.namespace}/${e.podName}`, e)
  return out
}
