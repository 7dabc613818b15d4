/**
 * The line scanner (line-scan.ts) may only change speed: every line it accepts must give exactly
 * the flow that `JSON.parse` + `classify` + `normalize` give, and every line those reject (invalid
 * JSON, not a flow) it must refuse. Checked on every capture line and on many mutations of them,
 * with the scanner's caches warm (one normalizer for a whole sequence, as in a real ingest).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from './flow.ts'
import { FlowNormalizer } from './normalize.ts'
import { classify } from './records.ts'

const FIXTURES = new URL('../../../fixtures/hubble/', import.meta.url)
const captureLines = (): string[] => readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(new URL(f, FIXTURES), 'utf8').split('\n')).filter((l) => l.trim() !== '')

/** The reference: the line parsed whole. Undefined when it is not one flow record. */
function reference(normalizer: FlowNormalizer, line: string, index: number): Flow | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  const r = classify(value)
  return r.kind === 'flow' ? normalizer.normalize(r.flow, index, r.time, r.node) : undefined
}

/** Scans `lines` in order with one normalizer; returns how many it accepted. */
function checkAll(lines: readonly string[]): number {
  const scanner = new FlowNormalizer()
  const full = new FlowNormalizer()
  let accepted = 0
  lines.forEach((line, i) => {
    const got = scanner.normalizeLine(line, i)
    if (got === undefined) return
    accepted++
    const want = reference(full, line, i)
    if (want === undefined) expect.fail(`accepted a line the full parse rejects: ${line}`)
    expect(got, line).toStrictEqual(want)
  })
  return accepted
}

/** A small seeded generator, so a failure names a reproducible line. */
function rng(seed: number): () => number {
  let x = seed
  return () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0
    return ((x >>> 0) % 1_000_000) / 1_000_000
  }
}

/** Textual mutations that cross the scanner's edges: each gives a valid or an invalid line. */
const MUTATIONS: readonly ((line: string, r: () => number) => string)[] = [
  (l) => l.replace('"verdict":"FORWARDED"', '"verdict":1'),
  (l) => l.replace('"verdict":"DROPPED"', '"verdict":"DROPPED","verdict":"FORWARDED"'),
  (l) => l.replace('"traffic_direction":', '"trafficDirection":'),
  (l) => l.replace('"node_name":', '"nodeName":'),
  (l) => l.replace('"is_reply":false', '"is_reply":null'),
  (l) => l.replace('"is_reply":true', '"is_reply":"true"'),
  (l) => l.replace(/"destination_port":(\d+)/, '"destination_port":"$1"'),
  (l) => l.replace(/"destination_port":(\d+)/, '"destination_port":$1.0'),
  (l) => l.replace(/"destination_port":(\d+)/, '"destination_port":0$1'),
  (l) => l.replace(/"source_port":(\d+)/, '"source_port":-$1'),
  (l) => l.replace(/"source_port":(\d+)/, '"source_port":$1e0'),
  (l) => l.replace(/"source_port":(\d+)/, '"sourcePort":$1'),
  (l) => l.replace('"l4":{"TCP":', '"l4":{"UDP":{"destination_port":1},"TCP":'),
  (l) => l.replace('"l4":{"TCP":', '"l4":{"tcp":'),
  (l) => l.replace('"flags":{', '"flags":{"SYN":false,"FIN":1,'),
  (l) => l.replace('"flags":{"ACK":true}', '"flags":[]'),
  (l) => l.replace('"IP":{', '"IP":{"encrypted":true,'),
  (l) => l.replace('"IP":{', '"ip":{"source":"1.1.1.1"},"IP":{'),
  (l) => l.replace(/("IP":\{[^}]*\})/, '$1,"IP":{"source":"9.9.9.9"}'),
  (l) => l.replace(/("IP":\{[^}]*\})/, '$1,"ip":{"source":"9.9.9.9"}'),
  (l) => l.replace(/"IP":\{/, '"ip":{'),
  (l) => l.replace('"traffic_direction":"INGRESS"', '"traffic_direction":"INGRESS","trafficDirection":"EGRESS"'),
  (l) => l.replace('"traffic_direction":"EGRESS"', '"trafficDirection":"INGRESS","traffic_direction":"EGRESS"'),
  (l) => l.replace(/"source_port":(\d+)/, '"sourcePort":1,"source_port":$1'),
  (l) => l.replace(/"IP":\{[^}]*\}/, '"IP":null'),
  (l) => l.replace('"ipVersion":"IPv4"', '"ip_version":"IPv6"'),
  (l) => l.replace('"event_type":{', '"event_type":{"sub_type":"3",'),
  (l) => l.replace(/"event_type":\{[^}]*\}/, '"event_type":4'),
  (l) => l.replace('"Summary":"', '"Summary":"\\u0041\\"quoted\\" '),
  (l) => l.replace('"Summary":"', '"Summary":"tab\there '),
  (l) => l.replace('"Type":', '"T\\u0079pe":'),
  (l) => l.replace('"Type":"L3_L4"', '"Type" :"L3_L4"'),
  (l) => l.replace('"Type":"L3_L4",', '"Type":"L3_L4", '),
  (l) => l.replace('"source":{', '"source":{"workloads":[{"name":"w},\\"x","kind":"Deployment"}],'),
  (l) => l.replace(/"source":\{/, '"source":null,"x":{'),
  (l) => l.replace('"destination":{', '"destination":"nowhere","y":{'),
  (l) => l.replace('"source":{', '"source":{"ID":1,'),
  (l) => l.replace('"verdict":', '"__proto__":{"polluted":1},"ethernet":{"a":[1,{"b":"},\\""}]},"verdict":'),
  (l) => l.replace('"verdict":', '"drop_reason_desc":"POLICY_DENIED","drop_reason":133,"uuid":"u-1","verdict":'),
  (l) => l.replace('"verdict":', '"ingress_allowed_by":[{"name":"p","namespace":"n","revision":3}],"source_names":["a.example"],"verdict":'),
  (l) => l.replace('"verdict":', '"aggregate":{"ingress_flow_count":"4"},"policy_match_type":1,"proxy_port":15001,"verdict":'),
  (l) => l.replace('"verdict":', '"source_service":{"name":"svc","namespace":"ns"},"verdict":'),
  (l) => l.replace(/^\{"flow":(.*),"node_name":"[^"]*","time":"[^"]*"\}$/, '$1'),
  (l) => l.replace(/^\{"flow":/, '{"lost_events":{"num_events_lost":"1"},"flow":'),
  (l) => l.replace(/^\{"flow":\{/, '{"flow":{"flow":1,'),
  (l) => l.replace(/\}$/, ',"node_name":"again"}'),
  (l) => `${l}  `,
  (l) => `${l} x`,
  (l) => `${l}}`,
  (l, r) => l.slice(0, Math.floor(r() * l.length)),
  (l, r) => {
    const i = Math.floor(r() * l.length)
    return l.slice(0, i) + String.fromCharCode(Math.floor(r() * 128)) + l.slice(i + 1)
  },
  (l, r) => {
    const i = Math.floor(r() * l.length)
    return l.slice(0, i) + l.slice(i + 1)
  },
]

describe('line scanner', () => {
  it('reads every capture line, each exactly as the full parse does', () => {
    const lines = captureLines()
    expect(checkAll(lines)).toBe(lines.length)
  })

  it('accepts only what the full parse reads, and reads it the same, over mutated capture lines', () => {
    const lines = captureLines()
    const r = rng(20261202)
    const mutated: string[] = []
    for (const line of lines) {
      mutated.push(line)
      for (let k = 0; k < 3; k++) mutated.push(MUTATIONS[Math.floor(r() * MUTATIONS.length)](line, r))
    }
    // Every mutation is applied to every line once too (most lines have the fields they touch).
    for (const m of MUTATIONS) for (const line of lines.slice(0, 80)) mutated.push(m(line, r))
    const accepted = checkAll(mutated)
    // Most mutations keep a line the scanner reads: the comparison above ran on them.
    expect(accepted).toBeGreaterThan(lines.length)
  })

  it('keeps telling apart members that differ only inside, in any order of lines', () => {
    const base = (node: string, dport: string, verdict: string): string =>
      `{"flow":{"time":"2026-12-02T10:00:00.5Z","verdict":"${verdict}","IP":{"source":"10.0.0.1","destination":"10.0.0.2","ipVersion":"IPv4"},`
      + `"l4":{"TCP":{"source_port":40000,"destination_port":${dport}}},"source":{"identity":5,"labels":["k8s:app=a"]},`
      + `"destination":{"identity":6,"labels":["k8s:app=b"]},"Type":"L3_L4","node_name":"${node}"},"node_name":"${node}","time":"2026-12-02T10:00:00.5Z"}`
    const lines: string[] = []
    const r = rng(7)
    for (let i = 0; i < 400; i++) {
      lines.push(base(`node-${Math.floor(r() * 12)}`, String([80, 8080, 808, 8081, 18080][Math.floor(r() * 5)]),
        ['FORWARDED', 'DROPPED', 'FORWARDEX', 'AUDIT'][Math.floor(r() * 4)]))
    }
    expect(checkAll(lines)).toBe(lines.length)
  })
})
