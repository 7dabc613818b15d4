/** The `l4` object of a flow (hubble-flows.md §3.4): ports and TCP flags, or ICMP type and code. */
import type { FlowL4 } from './flow.ts'
import type { JsonObject } from './json.ts'
import { num, obj } from './json.ts'

const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'] as const

/** Each L4 key with its lowerCamelCase spelling (§2), spelled out once rather than lowercased per flow. */
const PORT_PROTOCOLS = [['TCP', 'tcp'], ['UDP', 'udp'], ['SCTP', 'sctp']] as const

export type PortProtocol = (typeof PORT_PROTOCOLS)[number][0]

export function normalizeL4(l4: JsonObject | undefined): FlowL4 | undefined {
  if (!l4) return undefined
  for (const [protocol, camel] of PORT_PROTOCOLS) {
    const p = obj(l4, protocol, camel)
    if (!p) continue
    const flags = protocol === 'TCP' ? obj(p, 'flags') : undefined
    return portL4(protocol, num(p, 'source_port', 'sourcePort'), num(p, 'destination_port', 'destinationPort'),
      flags ? flagList(flags) : undefined)
  }
  for (const protocol of ['ICMPv4', 'ICMPv6'] as const) {
    const p = obj(l4, protocol, protocol === 'ICMPv4' ? 'icmpv4' : 'icmpv6')
    // type 0 / code 0 are omitted by protojson: an echo-reply v4 is `{}` (§3.4).
    if (p) return { protocol, icmpType: num(p, 'type') ?? 0, icmpCode: num(p, 'code') ?? 0 }
  }
  for (const protocol of ['VRRP', 'IGMP'] as const) {
    const p = obj(l4, protocol, protocol.toLowerCase())
    if (p) return { protocol, icmpType: num(p, 'type') ?? 0 }
  }
  return undefined
}

/** A TCP/UDP/SCTP section; `tcpFlags` is the set flags (`flagList`), left out when none is set. */
export function portL4(protocol: PortProtocol, sourcePort: number | undefined, destinationPort: number | undefined,
  tcpFlags: readonly string[] | undefined): FlowL4 {
  const out: { -readonly [K in keyof FlowL4]: FlowL4[K] } = { protocol }
  if (sourcePort !== undefined) out.sourcePort = sourcePort
  if (destinationPort !== undefined) out.destinationPort = destinationPort
  if (tcpFlags !== undefined && tcpFlags.length > 0) out.tcpFlags = tcpFlags
  return out
}

/** Flag lists repeat (ACK, ACK+PSH, SYN…): one frozen array per distinct set. */
const FLAG_LISTS = new Map<number, readonly string[]>()

/** The flags of a TCP `flags` object that are `true`, in a fixed order. */
export function flagList(flags: JsonObject): readonly string[] {
  let bits = 0
  for (let i = 0; i < TCP_FLAGS.length; i++) if (flags[TCP_FLAGS[i]] === true) bits |= 1 << i
  let list = FLAG_LISTS.get(bits)
  if (list === undefined) FLAG_LISTS.set(bits, (list = Object.freeze(TCP_FLAGS.filter((_, i) => (bits & (1 << i)) !== 0))))
  return list
}
