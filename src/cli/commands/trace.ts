/** `membrane trace`: one hypothetical connection, explained like `cilium policy trace`. */
import { createSession, explain, versionDependence } from '../../domain/engine/index.ts'
import type { EvalRequest, EvalResult, Reason, SideResult } from '../../domain/engine/index.ts'
import type { FlowEndpoint } from '../../domain/flows/index.ts'
import { one, parseArgs, required } from '../args.ts'
import { observedPods, parseEndpointSpec, parseHttpSpec, parsePortSpec } from '../endpoint-spec.ts'
import type { SpecContext } from '../endpoint-spec.ts'
import type { CliIo } from '../io.ts'
import { CliError } from '../io.ts'
import { loadFlows } from '../load.ts'
import type { EvalContext } from '../setup.ts'
import { COMMON_FLAGS, COMMON_HELP, setup } from '../setup.ts'

export const TRACE_HELP = `Usage: membrane trace --policies <file|dir>... --from <peer> --to <peer> --port <port> [options]

Explains whether one connection would be allowed, side by side, like 'cilium policy trace'.

  --from, --to <peer>        ns/pod (needs --inventory or --flows), ns:key=value[,key=value],
                             entity:<world|host|remote-node|kube-apiserver|health|…>, ip:<address>
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
  const flowsFile = one(args, 'flows')
  const spec = specContext(ctx, ctx.set.settings.hostFirewall, ctx.set.settings.clusterName,
    flowsFile !== undefined ? loadFlows(io, flowsFile).flows.flatMap((f) => [f.source, f.destination]) : undefined)
  const port = parsePortSpec(portText)
  const request: EvalRequest = {
    source: parseEndpointSpec(from, spec),
    destination: parseEndpointSpec(to, spec),
    ...port,
    ...((http !== undefined || dns !== undefined || sni !== undefined) && {
      l7: {
        ...(http !== undefined && { http: parseHttpSpec(http) }),
        ...(dns !== undefined && { dns: { query: dns } }),
        ...(sni !== undefined && { tls: { sni } }),
      },
    }),
  }
  const result = createSession(ctx.set).evaluate(request)
  if (args.bools.has('json')) {
    io.stdout(`${JSON.stringify({ from, to, port: portText, ...(http !== undefined && { http }), ...(dns !== undefined && { dns }), ...(sni !== undefined && { sni }), ...resultJson(result),
      ...(versionDependence(result).length > 0 && { ciliumVersion: ctx.set.settings.ciliumVersion, dependsOnVersion: versionDependence(result) }) })}\n`)
    return 0
  }
  const l7 = `${sni !== undefined ? ` TLS SNI ${sni}` : ''}${http !== undefined ? ` HTTP ${http}` : dns !== undefined ? ` DNS ${dns}` : ''}`
  const lines = [
    `Tracing From: ${describe(request.source, from)}`,
    `        To:   ${describe(request.destination, to)}`,
    `        Port: ${portText}${l7}`,
    '',
    ...explain(result, { set: ctx.set, request }),
  ]
  io.stdout(`${lines.join('\n')}\n`)
  return 0
}

export function specContext(ctx: EvalContext, hostFirewall: boolean, clusterName: string | undefined,
  observed?: Iterable<FlowEndpoint>): SpecContext {
  return {
    ...(ctx.index && { inventory: ctx.index }),
    ...(ctx.inventory && { pods: ctx.inventory.inventory.pods }),
    ...(observed && { observed: observedPods(observed) }),
    ...(clusterName !== undefined && { clusterName }),
    hostFirewall,
    fromFlowEndpoint: (e) => ctx.adapter.ref(e),
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
