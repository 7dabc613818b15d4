import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENT_SETTINGS, importAgentConfig, parseGoDuration, sanitizeAgentSettings } from './index.ts'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1

describe('importAgentConfig: kubectl get configmap cilium-config -o yaml', () => {
  const text = fixture('cilium-config.yaml')
  const r = importAgentConfig(text)

  it('reads the agent keys Membrane models, with the value used', () => {
    expect(r.format).toBe('cilium-config')
    expect(r.problems).toEqual([])
    expect(r.settings).toEqual({
      auditMode: true,
      enforcementMode: 'default',
      hostFirewall: true,
      enableNodeSelectorLabels: false,
      nonDefaultDenyPolicies: true,
      policyDefaultLocalCluster: false,
      cidrMatchNodes: false,
      clusterName: 'prod-eu-1',
      tofqdnsMinTtl: 30,
      tofqdnsIdleConnectionGracePeriod: 120,
      tofqdnsMaxIpsPerHostname: 50,
    })
  })

  it('reports each key read with its raw text and line', () => {
    expect(r.read.find((k) => k.key === 'policy-audit-mode')).toEqual({
      key: 'policy-audit-mode', raw: 'true', field: 'auditMode', value: true, line: lineOf(text, 'policy-audit-mode:'),
    })
    expect(r.read.find((k) => k.key === 'tofqdns-idle-connection-grace-period')).toMatchObject({ raw: '2m', value: 120 })
    expect(r.read).toHaveLength(11)
  })

  it('ignores and lists every other key, metadata excluded', () => {
    const keys = r.ignored.map((k) => k.key)
    expect(keys).toContain('enable-hubble')
    expect(keys).toContain('tofqdns-dns-reject-response-code')
    expect(keys).not.toContain('name')
    const dataKeys = Object.keys((parse(text) as { data: Record<string, string> }).data)
    expect(keys.length + r.read.length).toBe(dataKeys.length)
    expect(r.ignored.find((k) => k.key === 'routing-mode')?.line).toBe(lineOf(text, 'routing-mode:'))
  })

  it('reads the same from -o json', () => {
    const json = importAgentConfig(JSON.stringify(parse(text), null, 2))
    expect(json.format).toBe('cilium-config')
    expect(json.settings).toEqual(r.settings)
  })

  it('reads the ConfigMap inside a List, and a bare data section', () => {
    const obj = parse(text) as { data: Record<string, string> }
    const list = importAgentConfig(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'ConfigMap', metadata: { name: 'other' }, data: {} }, obj] }))
    expect(list.settings).toEqual(r.settings)
    const bare = importAgentConfig(Object.entries(obj.data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'))
    expect(bare.format).toBe('cilium-config')
    expect(bare.settings).toEqual(r.settings)
  })
})

describe('importAgentConfig: Helm values', () => {
  const text = fixture('helm-values.yaml')
  const r = importAgentConfig(text)

  it('reads the Helm values that render the agent keys', () => {
    expect(r.format).toBe('helm-values')
    expect(r.problems).toEqual([])
    expect(r.settings).toEqual({
      ciliumVersion: '1.18',
      clusterName: 'prod-us-2',
      enforcementMode: 'always',
      auditMode: false,
      hostFirewall: true,
      enableNodeSelectorLabels: true,
      nonDefaultDenyPolicies: true,
      cidrMatchNodes: true,
      policyDefaultLocalCluster: true,
      tofqdnsMinTtl: 0,
      tofqdnsIdleConnectionGracePeriod: 90,
      tofqdnsMaxIpsPerHostname: 200,
      allowLocalhost: 'policy',
    })
  })

  it('takes agent keys from extraConfig and the version from image.tag', () => {
    expect(r.read.find((k) => k.field === 'allowLocalhost')).toMatchObject({ key: 'extraConfig.allow-localhost', raw: 'policy', line: lineOf(text, 'allow-localhost:') })
    expect(r.read.find((k) => k.field === 'ciliumVersion')).toMatchObject({ key: 'image.tag', raw: 'v1.18.4', value: '1.18' })
    expect(r.read.find((k) => k.field === 'cidrMatchNodes')).toMatchObject({ key: 'policyCIDRMatchMode', raw: 'nodes', value: true })
  })

  it('lists unknown values by their dotted path', () => {
    const keys = r.ignored.map((k) => k.key)
    expect(keys).toEqual(expect.arrayContaining(['k8sServiceHost', 'hubble.relay.enabled', 'hubble.metrics.enabled', 'extraConfig.enable-icmp-rules', 'dnsProxy.dnsRejectResponseCode', 'image.repository']))
    expect(keys).not.toContain('hostFirewall.enabled')
  })
})

describe('importAgentConfig: cilium config view', () => {
  const text = fixture('cilium-config-view.txt')
  const r = importAgentConfig(text)

  it('reads the two-column output, auto as always', () => {
    expect(r.format).toBe('cilium-config-view')
    expect(r.settings).toEqual({
      allowLocalhost: 'always',
      clusterName: 'kind-kind',
      hostFirewall: false,
      enforcementMode: 'never',
      auditMode: false,
      tofqdnsMaxIpsPerHostname: 1000,
      tofqdnsIdleConnectionGracePeriod: 0,
    })
    expect(r.read.find((k) => k.key === 'allow-localhost')?.note).toBe('auto means always on Kubernetes')
  })

  it('reports an unreadable value with its line and leaves the setting alone', () => {
    expect(r.problems).toEqual([{ key: 'tofqdns-min-ttl', message: 'tofqdns-min-ttl: "nonsense" is not a whole number of seconds ≥ 0; the setting is left as it was', line: lineOf(text, 'tofqdns-min-ttl') }])
    expect(r.settings.tofqdnsMinTtl).toBeUndefined()
  })
})

describe('importAgentConfig: bad input', () => {
  const cases: Record<string, { text: string; message: RegExp }> = {
    'broken YAML': { text: 'data: {a: [', message: /./ },
    'a scalar': { text: '42', message: /expected a cilium-config ConfigMap/ },
    'a ConfigMap without data': { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config}\n', message: /no data/ },
    'a wrong enforcement mode': { text: 'enable-policy: sometimes\npolicy-audit-mode: "yes"\n', message: /"sometimes" is not default, always, never/ },
  }
  for (const [name, c] of Object.entries(cases))
    it(name, () => {
      const r = importAgentConfig(c.text)
      expect(r.problems.map((p) => p.message).join('\n')).toMatch(c.message)
    })

  it('Go booleans: "yes" is not one', () => {
    const r = importAgentConfig('enable-policy: always\npolicy-audit-mode: "yes"\n')
    expect(r.settings).toEqual({ enforcementMode: 'always' })
    expect(r.problems).toEqual([{ key: 'policy-audit-mode', message: 'policy-audit-mode: "yes" is not true or false; the setting is left as it was', line: 2 }])
  })
})

describe('parseGoDuration', () => {
  const cases: [string, number | null][] = [['0', 0], ['0s', 0], ['90s', 90], ['2m', 120], ['1h30m', 5400], ['500ms', 0.5], ['1.5h', 5400], ['', null], ['10', null], ['5 m', null], ['-1s', null]]
  for (const [text, want] of cases) it(`${JSON.stringify(text)} → ${want}`, () => expect(parseGoDuration(text)).toBe(want))
})

describe('sanitizeAgentSettings', () => {
  it('keeps valid fields and drops junk', () => {
    const s = sanitizeAgentSettings({ auditMode: true, enforcementMode: 'sometimes', tofqdnsMinTtl: -1, ciliumVersion: '1.17', clusterName: 'c1', __proto__: { x: 1 }, extra: 3 })
    expect(s).toEqual({ ...DEFAULT_AGENT_SETTINGS, auditMode: true, ciliumVersion: '1.17', clusterName: 'c1' })
  })
  it('gives the defaults for anything that is not an object', () => {
    expect(sanitizeAgentSettings('x')).toEqual(DEFAULT_AGENT_SETTINGS)
    expect(sanitizeAgentSettings(null)).toEqual(DEFAULT_AGENT_SETTINGS)
  })
  it('round-trips through JSON', () => {
    const s = { ...DEFAULT_AGENT_SETTINGS, hostFirewall: true, policyDefaultLocalCluster: false, tofqdnsIdleConnectionGracePeriod: 60 }
    expect(sanitizeAgentSettings(JSON.parse(JSON.stringify(s)))).toEqual(s)
  })
})
