/** The `l7` object of a flow (hubble-flows.md §3.7): HTTP, DNS or Kafka, REQUEST or RESPONSE. */
import { l7TypeName } from './enums.ts'
import type { Flow, FlowDns, FlowHttp, FlowKafka, FlowL7, HttpHeader } from './flow.ts'
import type { JsonObject } from './json.ts'
import { field, num, obj, objList, str, strList } from './json.ts'

export function normalizeL7(l7: JsonObject | undefined): FlowL7 | undefined {
  if (!l7) return undefined
  const latencyNs = num(l7, 'latency_ns', 'latencyNs')
  const httpRaw = obj(l7, 'http')
  const dnsRaw = obj(l7, 'dns')
  const kafkaRaw = obj(l7, 'kafka')
  return {
    type: l7TypeName(field(l7, 'type')),
    ...(latencyNs !== undefined && { latencyNs }),
    ...(httpRaw && { http: normalizeHttp(httpRaw) }),
    ...(dnsRaw && { dns: normalizeDns(dnsRaw) }),
    ...(kafkaRaw && { kafka: normalizeKafka(kafkaRaw) }),
  }
}

function normalizeHttp(h: JsonObject): FlowHttp {
  const method = str(h, 'method')
  const url = str(h, 'url')
  const protocol = str(h, 'protocol')
  const code = num(h, 'code')
  const headers: HttpHeader[] | undefined = objList(h, 'headers')?.map((x) => ({
    key: str(x, 'key') ?? '',
    value: typeof x.value === 'string' ? x.value : '',
  }))
  const parts = url !== undefined ? splitUrl(url) : undefined
  const host = parts?.host ?? headers?.find((x) => x.key === ':authority' || x.key.toLowerCase() === 'host')?.value
  return {
    ...(method !== undefined && { method }),
    ...(url !== undefined && { url }),
    ...(parts?.path !== undefined && { path: parts.path }),
    ...(host !== undefined && host !== '' && { host }),
    ...(protocol !== undefined && { protocol }),
    ...(code !== undefined && { code }),
    ...(headers && { headers }),
  }
}

/**
 * The DNS answer a flow carries (its query and the addresses), which teaches toFQDNs (§5.6): the
 * one rule for "is a DNS answer" the replay and the columnar store (`F_DNS_ANSWER`) share.
 */
export function dnsAnswer(flow: Flow): { query: string; ips: readonly string[]; ttl?: number } | undefined {
  const dns = flow.l7?.dns
  if (!dns?.ips || !dns.query) return undefined
  return dns.ttl !== undefined ? { query: dns.query, ips: dns.ips, ttl: dns.ttl } : { query: dns.query, ips: dns.ips }
}

/** Hubble's `url` is a full URL (`http://10.0.0.1:9990/metrics?x=1`); path rules need the path alone. */
export function splitUrl(url: string): { host?: string; path: string } {
  let rest = url
  let host: string | undefined
  const scheme = url.indexOf('://')
  if (scheme >= 0) {
    const afterScheme = url.slice(scheme + 3)
    const slash = afterScheme.search(/[/?#]/)
    host = slash < 0 ? afterScheme : afterScheme.slice(0, slash)
    rest = slash < 0 ? '' : afterScheme.slice(slash)
  }
  const cut = rest.search(/[?#]/)
  let path = cut < 0 ? rest : rest.slice(0, cut)
  if (path === '') path = '/'
  return { ...(host !== undefined && host !== '' && { host }), path }
}

function normalizeDns(d: JsonObject): FlowDns {
  const query = str(d, 'query')
  const ips = strList(d, 'ips')
  const ttl = num(d, 'ttl')
  const cnames = strList(d, 'cnames')
  const qtypes = strList(d, 'qtypes')
  const rrtypes = strList(d, 'rrtypes')
  return {
    ...(query !== undefined && { query }),
    ...(ips && { ips }),
    ...(ttl !== undefined && { ttl }),
    ...(cnames && { cnames }),
    rcode: num(d, 'rcode') ?? 0,
    ...(qtypes && { qtypes }),
    ...(rrtypes && { rrtypes }),
  }
}

function normalizeKafka(k: JsonObject): FlowKafka {
  const apiKey = str(k, 'api_key', 'apiKey')
  const apiVersion = num(k, 'api_version', 'apiVersion')
  const topic = str(k, 'topic')
  const clientID = str(k, 'client_id', 'clientId') ?? str(k, 'clientID')
  const errorCode = num(k, 'error_code', 'errorCode')
  const correlationId = num(k, 'correlation_id', 'correlationId')
  return {
    ...(apiKey !== undefined && { apiKey }),
    ...(apiVersion !== undefined && { apiVersion }),
    ...(topic !== undefined && { topic }),
    ...(clientID !== undefined && { clientID }),
    ...(errorCode !== undefined && { errorCode }),
    ...(correlationId !== undefined && { correlationId }),
  }
}
