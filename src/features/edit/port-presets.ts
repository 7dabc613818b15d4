import type { Protocol } from '../../domain/policy/model.ts'
import type { PortSpec } from '../../domain/edits/index.ts'

export interface PortPreset {
  readonly id: string
  readonly label: string
  readonly ports: string
  readonly l7?: 'http' | 'dns' | 'kafka'
}

/** Common services, so a connection is one click for the usual cases. */
export const PORT_PRESETS: readonly PortPreset[] = [
  { id: 'http-80', label: 'HTTP 80', ports: 'TCP/80' },
  { id: 'http-8080', label: 'HTTP 8080', ports: 'TCP/8080' },
  { id: 'https', label: 'HTTPS 443', ports: 'TCP/443' },
  { id: 'dns', label: 'DNS 53/UDP+TCP', ports: 'UDP/53, TCP/53', l7: 'dns' },
  { id: 'postgres', label: 'Postgres 5432', ports: 'TCP/5432' },
  { id: 'mysql', label: 'MySQL 3306', ports: 'TCP/3306' },
  { id: 'redis', label: 'Redis 6379', ports: 'TCP/6379' },
  { id: 'kafka', label: 'Kafka 9092', ports: 'TCP/9092', l7: 'kafka' },
  { id: 'grpc', label: 'gRPC 50051', ports: 'TCP/50051' },
  { id: 'metrics', label: 'Metrics 9090', ports: 'TCP/9090' },
  { id: 'any', label: 'Any port (L3 only)', ports: '' },
]

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP', 'ANY']

/**
 * Parses `TCP/8080, UDP/53, 8000-8100, https` into port specs. A bare port means TCP; a range
 * `a-b` becomes port + endPort; names pass through (named ports, §6.1).
 */
export function parsePorts(text: string): PortSpec[] | string {
  const out: PortSpec[] = []
  for (const raw of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [maybeProto, maybePort] = raw.includes('/') ? raw.split('/', 2) : ['TCP', raw]
    const protocol = maybeProto.toUpperCase() as Protocol
    if (!PROTOCOLS.includes(protocol)) return `Unknown protocol "${maybeProto}" (use TCP, UDP, SCTP or ANY).`
    const range = /^(\d+)-(\d+)$/.exec(maybePort)
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])]
      if (a < 1 || b > 65535 || b <= a) return `Bad port range "${maybePort}".`
      out.push({ port: String(a), protocol, endPort: b })
    } else if (/^\d+$/.test(maybePort)) {
      if (Number(maybePort) > 65535) return `Port ${maybePort} is above 65535.`
      out.push({ port: String(Number(maybePort)), protocol })
    } else if (/^[a-z][-a-z0-9]{0,14}$/i.test(maybePort)) {
      out.push({ port: maybePort.toLowerCase(), protocol })
    } else {
      return `"${raw}" is not a port.`
    }
  }
  return out
}
