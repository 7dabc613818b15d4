/**
 * ICMP type names accepted in `icmps` (§6.4), mapped to their IANA type numbers. Names are the
 * CamelCase forms of the IANA registry entries; lookups are case-insensitive.
 */
const ICMPV4: Readonly<Record<string, number>> = {
  EchoReply: 0,
  DestinationUnreachable: 3,
  Redirect: 5,
  Echo: 8,
  EchoRequest: 8,
  RouterAdvertisement: 9,
  RouterSelection: 10,
  TimeExceeded: 11,
  ParameterProblem: 12,
  Timestamp: 13,
  TimestampReply: 14,
  Photuris: 40,
  ExtendedEchoRequest: 42,
  ExtendedEchoReply: 43,
}

const ICMPV6: Readonly<Record<string, number>> = {
  DestinationUnreachable: 1,
  PacketTooBig: 2,
  TimeExceeded: 3,
  ParameterProblem: 4,
  EchoRequest: 128,
  EchoReply: 129,
  MulticastListenerQuery: 130,
  MulticastListenerReport: 131,
  MulticastListenerDone: 132,
  RouterSolicitation: 133,
  RouterAdvertisement: 134,
  NeighborSolicitation: 135,
  NeighborAdvertisement: 136,
  RedirectMessage: 137,
  RouterRenumbering: 138,
  ICMPNodeInformationQuery: 139,
  ICMPNodeInformationResponse: 140,
  InverseNeighborDiscoverySolicitation: 141,
  InverseNeighborDiscoveryAdvertisement: 142,
  HomeAgentAddressDiscoveryRequest: 144,
  HomeAgentAddressDiscoveryReply: 145,
  MobilePrefixSolicitation: 146,
  MobilePrefixAdvertisement: 147,
  DuplicateAddressRequestCodeSuffix: 157,
  DuplicateAddressConfirmationCodeSuffix: 158,
  ExtendedEchoRequest: 160,
  ExtendedEchoReply: 161,
}

const lower = (table: Readonly<Record<string, number>>): Map<string, number> =>
  new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]))
const V4 = lower(ICMPV4)
const V6 = lower(ICMPV6)

/** The type number of an `icmps` entry, or null when the name is unknown or out of range. */
export function icmpTypeNumber(family: 'IPv4' | 'IPv6', type: number | string): number | null {
  if (typeof type === 'number') return Number.isInteger(type) && type >= 0 && type <= 255 ? type : null
  const t = type.trim()
  if (/^\d+$/.test(t)) return icmpTypeNumber(family, Number(t))
  return (family === 'IPv6' ? V6 : V4).get(t.toLowerCase()) ?? null
}
