/** The `l4` object of a flow (hubble-flows.md §3.4) → `FlowL4`. */
import type { FlowL4 } from './flow.ts'
import type { JsonObject } from './json.ts'
import { num, obj } from './json.ts'

/** TCP flag names in bit order (bit i of a flag set is `TCP_FLAGS[i]`). */
export const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'] as const

/** Each L4 key with its lowerCamelCase spelling (§2), spelled out once rather than lowercased per flow. */
const PORT_PROTOCOLS = [['TCP', 'tcp'], ['UDP', 'udp'], ['SCTP', 'sctp']] as const

export function normalizeL4(l4: JsonObject | undefined): FlowL4 | undefined {
  if (!l4) return undefined
  for (const [protocol, camel] of PORT_PROTOCOLS) {
    const p = obj(l4, protocol, camel)
    if (!p) continue
    const sourcePort = num(p, 'source_port', 'sourcePort')
    const destinationPort = num(p, 'destination_port', 'destinationPort')
    const flags = protocol === 'TCP' ? obj(p, 'flags') : undefined
    const out: { -readonly [K in keyof FlowL4]: FlowL4[K] } = { protocol }
    if (sourcePort !== undefined) out.sourcePort = sourcePort
    if (destinationPort !== undefined) out.destinationPort = destinationPort
    if (flags) {
      const tcpFlags = flagList(flags)
      if (tcpFlags.length > 0) out.tcpFlags = tcpFlags
    }
    return out
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

/** Flag lists repeat (ACK, ACK+PSH, SYN…): one frozen array per distinct set. */
const FLAG_LISTS = new Map<number, readonly string[]>()

function flagList(flags: JsonObject): readonly string[] {
  let bits = 0
  for (let i = 0; i < TCP_FLAGS.length; i++) if (flags[TCP_FLAGS[i]] === true) bits |= 1 << i
  return flagListOf(bits)
}

/** The frozen list of the flags set in `bits` (bit i = `TCP_FLAGS[i]`). */
export function flagListOf(bits: number): readonly string[] {
  let list = FLAG_LISTS.get(bits)
  if (list === undefined) FLAG_LISTS.set(bits, (list = Object.freeze(TCP_FLAGS.filter((_, i) => (bits & (1 << i)) !== 0))))
  return list
}
