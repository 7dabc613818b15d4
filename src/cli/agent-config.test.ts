/** `--agent-config` / `--cilium-version` / `--sni` on evaluate and trace, run in-process. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { run } from './main.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const SETTINGS = path.resolve(HERE, '../domain/settings/fixtures')
const dir = mkdtempSync(path.join(tmpdir(), 'membrane-agent-'))
const file = (name: string, text: string): string => {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: dir, stdout: (t) => void (out += t), stderr: (t) => void (err += t) }
  return { code: run(argv, io), out, err }
}

const policies = file('policies.yaml', `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  enableDefaultDeny: {ingress: false}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/public"}]}}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ci, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: ci}}
  egress:
    - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
      toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*.github.com"}]}}]
    - toFQDNs: [{matchName: api.github.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
    - toCIDR: [203.0.113.0/24]
      toPorts: [{ports: [{port: "443", protocol: TCP}], serverNames: [pay.example.com]}]
`)
const trace = (...extra: string[]) => cli('trace', '--policies', policies, '--from', 'shop:app=other', '--to', 'shop:app=api', '--port', '81/TCP', ...extra)

describe('--agent-config', () => {
  it('§0 enable-non-default-deny-policies "false" in a ConfigMap makes a default-allow policy deny', () => {
    const strict = file('strict.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config, namespace: kube-system}\ndata:\n  enable-non-default-deny-policies: "false"\n')
    expect(trace().out).toMatch(/Final verdict: ALLOWED/)
    expect(trace('--agent-config', strict).out).toMatch(/Final verdict: DENIED/)
    expect(trace('--agent-config', strict, '--agent-config=x').code).toBe(2) // given twice: a usage error
  })

  it('§3.7 a cilium-config with policy-audit-mode "true" turns a denial into audit, and says what it read', () => {
    const config = path.join(SETTINGS, 'cilium-config.yaml')
    const both = cli('trace', '--policies', policies, '--from', 'shop:app=ci', '--to', 'ip:198.51.100.9', '--port', '22/TCP', '--agent-config', config)
    expect(both.code).toBe(0)
    expect(both.out).toMatch(/Final verdict: AUDIT/)
    expect(both.err).toContain('cilium-config: read 11 setting(s): ')
    expect(both.err).toContain('policy-audit-mode=true')
    expect(both.err).toContain('tofqdns-idle-connection-grace-period=2m (120)')
    expect(both.err).toMatch(/ignored \d+ key\(s\) Membrane does not model: agent-not-ready-taint-key, /)
  })

  it('Helm values: policyEnforcementMode always; an explicit flag wins over the file', () => {
    const helm = path.join(SETTINGS, 'helm-values.yaml')
    const always = cli('trace', '--policies', policies, '--from', 'shop:app=x', '--to', 'shop:app=y', '--port', '80/TCP', '--agent-config', helm)
    expect(always.out).toMatch(/policy enforcement mode is always/)
    expect(always.out).toMatch(/Final verdict: DENIED/)
    const flag = cli('trace', '--policies', policies, '--from', 'shop:app=x', '--to', 'shop:app=y', '--port', '80/TCP', '--agent-config', helm, '--enforcement-mode', 'default')
    expect(flag.out).toMatch(/Final verdict: ALLOWED/)
    expect(always.err).toContain('helm-values: read 13 setting(s)')
  })

  it('an unreadable file is an input error', () => {
    const junk = file('junk.txt', '{{{{')
    const r = trace('--agent-config', junk)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/no agent settings found/)
  })

  it('evaluate: DNS answers expire by tofqdns-min-ttl from the file', () => {
    const ci = { namespace: 'shop', pod_name: 'ci-0', labels: ['k8s:app=ci', 'k8s:io.kubernetes.pod.namespace=shop'] }
    const dns = { namespace: 'kube-system', pod_name: 'coredns-0', labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
    const ip = (s: string, d: string) => ({ source: s, destination: d, ipVersion: 'IPv4' })
    const flows = file('flows.jsonl', [
      { time: '2024-05-01T10:40:37Z', Type: 'L7', source: dns, destination: ci, is_reply: true, IP: ip('10.0.1.5', '10.0.2.7'),
        l4: { UDP: { source_port: 53, destination_port: 41000 } }, l7: { type: 'RESPONSE', dns: { query: 'api.github.com.', ips: ['140.82.112.6'], ttl: 30 } } },
      { time: '2024-05-01T10:41:30Z', source: ci, destination: { labels: ['reserved:world'] }, is_reply: false, IP: ip('10.0.2.7', '140.82.112.6'),
        l4: { TCP: { source_port: 42000, destination_port: 443 } } },
    ].map((f) => JSON.stringify({ flow: { verdict: 'FORWARDED', ...f } })).join('\n'))
    const verdicts = (...extra: string[]) => (JSON.parse(cli('evaluate', '--policies', policies, '--flows', flows, '--json', ...extra).out) as { flows: { verdict: string }[] }).flows.map((f) => f.verdict)
    expect(verdicts()).toEqual(['allowed', 'denied'])
    const minTtl = file('min-ttl.yaml', 'data:\n  tofqdns-min-ttl: "3600"\n')
    expect(verdicts('--agent-config', minTtl)).toEqual(['allowed', 'allowed'])
  })
})

describe('--cilium-version and --sni', () => {
  const http = (...extra: string[]) => cli('trace', '--policies', policies, '--from', 'shop:app=web', '--to', 'shop:app=api', '--port', '80/TCP', '--http', 'GET /private', ...extra)

  it('§3.3 the L7-under-default-allow answer flips with the version, and the trace says so', () => {
    const old = http('--cilium-version', '1.17')
    expect(old.out).toMatch(/L7 HTTP: DENIED/)
    expect(old.out).toContain('This answer depends on the Cilium version (evaluated as 1.17):')
    const now = http('--cilium-version', 'v1.18.2')
    expect(now.out).toMatch(/Final verdict: ALLOWED/)
    expect(now.out).toContain('(evaluated as 1.18)')
    const json = JSON.parse(http('--cilium-version', '1.17', '--json').out) as { dependsOnVersion: string[]; ciliumVersion: string }
    expect(json).toMatchObject({ ciliumVersion: '1.17', dependsOnVersion: ['l7-default-allow-wildcard'] })
  })

  it('a bad version is a usage error', () => {
    const r = http('--cilium-version', 'latest')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--cilium-version must look like 1\.17/)
  })

  it('§6.6 --sni is checked against serverNames', () => {
    const tls = (...extra: string[]) => cli('trace', '--policies', policies, '--from', 'shop:app=ci', '--to', 'ip:203.0.113.4', '--port', '443/TCP', ...extra).out
    expect(tls('--sni', 'pay.example.com')).toMatch(/L7 TLS: ALLOWED[\s\S]*Final verdict: ALLOWED/)
    expect(tls('--sni', 'evil.example.com')).toMatch(/L7 TLS: DENIED[\s\S]*Final verdict: DENIED/)
    expect(tls()).toMatch(/without an SNI the verdict depends on it[\s\S]*Final verdict: ALLOWED/)
  })
})
