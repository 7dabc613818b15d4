/**
 * `membrane trace`: one hypothetical connection, explained like `cilium policy trace`. The answer
 * is the Trace panel's (`domain/trace`): same peers, same DNS-name resolution, same lines.
 */
import { versionDependence } from '../../domain/engine/index.ts'
import type { EvalRequest, EvalResult, Reason, SideResult } from '../../domain/engine/index.ts'
import type { FlowEndpoint } from '../../domain/flows/index.ts'
import type { TraceQuery } from '../../domain/trace/index.ts'
import { traceConnection } from '../../domain/trace/index.ts'
import { one, parseArgs, required } from '../args.ts'
import { observedPods, parseHttpSpec, parsePeerSpec, parsePortSpec, withPeerErrors } from '../endpoint-spec.ts'
import type { SpecContext } from '../endpoint-spec.ts'
import type { CliIo } from '../io.ts'
import { CliError } from '../io.ts'
import { loadFlows } from '../load.ts'
import type { EvalContext } from '../setup.ts'
import { COMMON_FLAGS, COMMON_HELP, setup } from '../setup.ts'

export const TRACE_HELP = `Usage: membrane trace --policies <file|dir>... --from <peer> --to <peer> --port <port> [options]

Explains whether one connection would be allowed, side by side, like 'cilium policy trace'.
Answers exactly what the Trace panel answers for the same policies and peers.

  --from, --to <peer>        ns/pod (needs --inventory or --flows), ns:key=value[,key=value],
                             entity:<world|host|remote-node|kube-apiserver|health|…>, ip:<address>,
                             fqdn:<name> (a DNS name: resolved the way the source's pod would,
                             through the draft's DNS rules; without one, toFQDNs cannot match)
  --port <port>              8080/TCP (default TCP), 53/UDP, 132/SCTP, 8/ICMPv4 (ICMP type)
  --http '<METHOD> <path>'   an HTTP request, for L7 rules
  --dns <name>               a DNS query, for DNS rules (port defaults to 53/UDP)
  --sni <name>               the TLS server name the client sends, for serverNames
  --flows <file>             resolve ns/pod peers from observed flows
${COMMON_HELP}
`

export function traceCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { ...COMMON_FLAGS, from: 'one', to: 'one', port: 'one', http: 'one', dns: 'one', sni: 'one', flows: 'one' }, 'trace')
  if (args.bools.has('help')) {
    io.stdout(TRACE_HELP)
    return 0
  }
  const from = required(args, 'from', 'trace')
  const to = required(args, 'to', 'trace')
  const dns = one(args, 'dns')
  const http = one(args, 'http')
  const sni = one(args, 'sni')
  const portText = one(args, 'port') ?? (dns !== undefined ? '53/UDP' : undefined)
  if (portText === undefined) throw new CliError('trace: --port is required (see membrane trace --help)')
  if (http !== undefined && dns !== undefined) throw new CliError('trace: give --http or --dns, not both')
  const ctx = setup(io, args, 'trace')
  const query: TraceQuery = {
    from: parsePeerSpec(from),
    to: parsePeerSpec(to),
    ...parsePortSpec(portText),
    ...(http !== undefined && { http: parseHttpSpec(http) }),
    ...(dns !== undefined && { dns }),
    ...(sni !== undefined && { sni }),
  }
  const flowsFile = one(args, 'flows')
  const facts = specContext(ctx, ctx.set.settings.clusterName,
    flowsFile !== undefined ? loadFlows(io, flowsFile).flows.flatMap((f) => [f.source, f.destination]) : undefined)
  const { request, result, notes, lines } = withPeerErrors(() => traceConnection(ctx.set, query, facts))
  if (args.bools.has('json')) {
    io.stdout(`${JSON.stringify({ from, to, port: portText, ...(http !== undefined && { http }), ...(dns !== undefined && { dns }), ...(sni !== undefined && { sni }),
      ...resultJson(result), ...(notes.length > 0 && { notes }),
      ...(versionDependence(result).length > 0 && { ciliumVersion: ctx.set.settings.ciliumVersion, dependsOnVersion: versionDependence(result) }) })}\n`)
    return 0
  }
  const l7 = `${sni !== undefined ? ` TLS SNI ${sni}` : ''}${http !== undefined ? ` HTTP ${http}` : dns !== undefined ? ` DNS ${dns}` : ''}`
  const header = [
    `Tracing From: ${describe(request.source, from)}`,
    `        To:   ${describe(request.destination, to)}`,
    `        Port: ${portText}${l7}`,
    '',
  ]
  io.stdout(`${[...header, ...lines].join('\n')}\n`)
  return 0
}

/** The peer facts of a CLI run: inventory, pods seen in `observed` flow endpoints, cluster name. */
export function specContext(ctx: EvalContext, clusterName: string | undefined, observed?: Iterable<FlowEndpoint>): SpecContext {
  const seen = observed && new Map([...observedPods(observed)].map(([name, e]) => [name, ctx.adapter.ref(e)]))
  return {
    ...(ctx.index && ctx.inventory && { inventory: { index: ctx.index, pods: ctx.inventory.inventory.pods } }),
    ...(seen && { observed: seen }),
    ...(clusterName !== undefined && { clusterName }),
  }
}

function describe(ref: EvalRequest['source'], spec: string): string {
  const labels = ref.labels.map((l) => `${l.source}:${l.key}${l.value ? `=${l.value}` : ''}`).join(', ')
  return `${spec}${ref.ip ? ` (${ref.ip})` : ''} [${labels}]${ref.isEndpoint ? '' : ' (not a Cilium endpoint)'}`
}

const reasonJson = (r: Reason): object => ({ policy: r.policy, kind: r.kind, path: r.path, effect: r.effect, ...(r.detail && { detail: r.detail }), ...(r.clause && { clause: r.clause }) })
const sideJson = (s: SideResult): object => ({ verdict: s.verdict, reasons: s.reasons.map(reasonJson) })

export function resultJson(r: EvalResult): object {
  return {
    verdict: r.verdict,
    egress: sideJson(r.egress),
    ingress: sideJson(r.ingress),
    ...(r.l7 && { l7: { protocol: r.l7.protocol, verdict: r.l7.verdict, reasons: r.l7.reasons.map(reasonJson) } }),
  }
}
