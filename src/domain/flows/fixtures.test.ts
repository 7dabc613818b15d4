import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createFlowParser, ingestFlows } from './index.ts'

const FIXTURES = new URL('../../../fixtures/hubble/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8')

/** Counts established by reading each capture (see SOURCES.md for what each one holds). */
const CASES = [
  { file: 'kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl', flows: 400, l7: 65, policyVerdicts: 27, replyUnknown: 50 },
  { file: 'kind-bookinfo-2021_udp-dns-policyverdict_400.jsonl', flows: 400, l7: 148, policyVerdicts: 30, replyUnknown: 74 },
  { file: 'kind-bookinfo-2021_icmpv4-host-health-remote-node_18.jsonl', flows: 18, l7: 0, policyVerdicts: 0, replyUnknown: 7 },
  { file: 'gke-istio-2021_dns-l7-request-response_330.jsonl', flows: 330, l7: 330, policyVerdicts: 0, replyUnknown: 0 },
  { file: 'gke-istio-2021_http-l7-request-response_348.jsonl', flows: 348, l7: 348, policyVerdicts: 0, replyUnknown: 0 },
  { file: 'kind-starwars-2024_exporter-drops-ipv6-proxy_60.jsonl', flows: 60, l7: 0, policyVerdicts: 2, replyUnknown: 6 },
]

describe('ingestFlows over the real captures', () => {
  for (const c of CASES) {
    it(`${c.file}: reads ${c.flows} flows, skips none`, () => {
      const r = ingestFlows(read(c.file))
      expect(r.flows).toHaveLength(c.flows)
      expect(r.skipped).toBe(0)
      expect(r.nonFlow).toBe(0)
      expect(r.flows.map((f) => f.index)).toEqual([...Array(c.flows).keys()])
      expect(r.flows.filter((f) => f.l7).length).toBe(c.l7)
      expect(r.flows.filter((f) => f.eventType === 5).length).toBe(c.policyVerdicts)
      expect(r.flows.filter((f) => f.isReply === undefined).length).toBe(c.replyUnknown)
      for (const f of r.flows) {
        expect(Number.isFinite(f.time)).toBe(true)
        expect(f.source.ip).toBeDefined()
        expect(f.destination.ip).toBeDefined()
      }
    })

    it(`${c.file}: streaming as bytes in odd-sized chunks gives the same flows`, () => {
      const text = read(c.file)
      const p = createFlowParser()
      const bytes = new TextEncoder().encode(text)
      let streamed = 0
      for (let i = 0; i < bytes.length; i += 4096 + 7) streamed += p.push(bytes.subarray(i, i + 4096 + 7)).length
      const r = p.end()
      expect(r.flows).toEqual(ingestFlows(text).flows)
      expect(streamed).toBe(r.flows.length)
    })
  }

  it('keeps the three states of is_reply and the TO_OVERLAY unknowns', () => {
    const r = ingestFlows(read('kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl'))
    const overlay = r.flows.filter((f) => f.observationPoint === 'TO_OVERLAY')
    expect(overlay).toHaveLength(50)
    expect(overlay.every((f) => f.isReply === undefined && f.direction === 'UNKNOWN')).toBe(true)
  })

  it('reads the first TCP trace field by field', () => {
    const f = ingestFlows(read('kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl')).flows[0]
    expect(f).toMatchObject({
      index: 0, verdict: 'FORWARDED', type: 'L3_L4', eventType: 4, eventSubType: 1, direction: 'EGRESS',
      isReply: false, observationPoint: 'TO_PROXY', ipVersion: 4, nodeName: 'kind-control-plane',
      l4: { protocol: 'TCP', sourcePort: 35128, destinationPort: 9080, tcpFlags: ['ACK'] },
    })
    expect(f.time).toBe(Date.UTC(2021, 10, 10, 10, 40, 56, 465))
    expect(f.timeNanos).toBe(597700)
    expect(f.source).toMatchObject({ identity: 3418, endpointId: 881, namespace: 'bookinfo', isEndpoint: true,
      podName: 'productpage-v1-6b746f74dc-9rcxx', ip: '10.244.0.177' })
    expect(f.source.labels).toContainEqual({ source: 'k8s', key: 'app', value: 'productpage' })
    expect(f.destination).toMatchObject({ identity: 11615, namespace: 'bookinfo', isEndpoint: true })
  })

  it('marks reserved peers as non-endpoints, health as an endpoint, and drops namespace of world (pitfall 5)', () => {
    const icmp = ingestFlows(read('kind-bookinfo-2021_icmpv4-host-health-remote-node_18.jsonl')).flows[0]
    expect(icmp.source).toMatchObject({ identity: 1, reserved: 'host', isEndpoint: false })
    expect(icmp.destination).toMatchObject({ identity: 4, reserved: 'health', isEndpoint: true, endpointId: 132 })
    expect(icmp.l4).toEqual({ protocol: 'ICMPv4', icmpType: 8, icmpCode: 0 })
    const http = ingestFlows(read('gke-istio-2021_http-l7-request-response_348.jsonl')).flows
    const world = http.find((f) => f.source.reserved === 'world' && f.source.podName !== undefined)
    expect(world?.source.namespace).toBeUndefined()
    expect(world?.source.isEndpoint).toBe(false)
  })

  it('reads HTTP L7 requests and responses', () => {
    const flows = ingestFlows(read('gke-istio-2021_http-l7-request-response_348.jsonl')).flows
    expect(flows[0].l7).toMatchObject({ type: 'REQUEST', http: { method: 'GET', url: 'http://10.128.0.4:9990/metrics',
      path: '/metrics', host: '10.128.0.4:9990', protocol: 'HTTP/1.1' } })
    expect(flows[0].l7?.http?.headers).toContainEqual({ key: 'User-Agent', value: 'Prometheus/2.15.1' })
    const resp = flows.filter((f) => f.l7?.type === 'RESPONSE')
    expect(resp).toHaveLength(173)
    expect(resp.every((f) => f.isReply === true)).toBe(true)
    expect(resp.some((f) => f.l7?.http?.code === 503 && typeof f.l7.latencyNs === 'number')).toBe(true)
  })

  it('reads DNS queries, answers and NXDOMAIN', () => {
    const flows = ingestFlows(read('gke-istio-2021_dns-l7-request-response_330.jsonl')).flows
    expect(flows.filter((f) => f.l7?.dns?.rcode === 3)).toHaveLength(102)
    expect(flows.filter((f) => f.l7?.dns?.ips)).toHaveLength(55)
    expect(flows[0].l7?.dns).toMatchObject({ query: 'istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local.', qtypes: ['A'], rcode: 0 })
    expect(flows[0].l4).toMatchObject({ protocol: 'TCP', destinationPort: 53 })
  })

  it('reads exporter drops, IPv6, reserved:unknown and namespace from labels', () => {
    const flows = ingestFlows(read('kind-starwars-2024_exporter-drops-ipv6-proxy_60.jsonl')).flows
    const drop = flows[0]
    expect(drop).toMatchObject({ verdict: 'DROPPED', dropReason: 'UNSUPPORTED_L3_PROTOCOL', ipVersion: 6, eventType: 1,
      eventSubType: 139, uuid: 'd5814bfb-4707-4131-a890-78fb3c7b571c' })
    expect(drop.l4).toEqual({ protocol: 'ICMPv6', icmpType: 133, icmpCode: 0 })
    expect(drop.destination).toMatchObject({ identity: 0, reserved: 'unknown', isEndpoint: false })
    // No `namespace` field in this capture: it comes from k8s:io.kubernetes.pod.namespace.
    expect(drop.source).toMatchObject({ namespace: 'default', isEndpoint: true })
    expect(flows.some((f) => f.proxyPort !== undefined)).toBe(true)
    expect(flows.some((f) => f.destination.workloads?.[0]?.kind === 'Deployment')).toBe(true)
  })

  it('shares one endpoint object between flows with the same peer', () => {
    const flows = ingestFlows(read('kind-bookinfo-2021_udp-dns-policyverdict_400.jsonl')).flows
    const distinct = new Set(flows.flatMap((f) => [f.source, f.destination]))
    expect(distinct.size).toBeLessThan(80)
  })
})
