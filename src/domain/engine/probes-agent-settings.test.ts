/**
 * Probes for what the agent decides beside the policy YAML (settings model) and for the
 * version-dependent clauses (version-clauses.ts): each clause on both sides of its release.
 */
import { describe, expect, it } from 'vitest'
import type { Settings } from './api.ts'
import { evaluate } from './evaluate.ts'
import { explain, versionDependence } from './trace.ts'
import type { Probe } from './test-harness.ts'
import { ccnp, cnp, compileYaml, knp, requestOf, runSuite } from './test-harness.ts'
import { VERSION_CLAUSES } from './version-clauses.ts'

const nodesYaml = ccnp('nodes', `
  endpointSelector: {matchLabels: {app: n}}
  egress:
    - toNodes: [{matchLabels: {role: storage}}]
`)
const nodes = [{ name: 'n1', ip: '10.0.0.11', labels: { role: 'storage' } }]

describe('§5.7 enable-node-selector-labels', () => {
  runSuite({
    yaml: nodesYaml,
    settings: { enableNodeSelectorLabels: true, nodes },
    probes: [{ name: '§5.7 on: toNodes is evaluated and allows the labelled node', from: 'shop/app=n', to: 'node:10.0.0.11', expect: 'allowed', by: ['egress', 'allow', 'nodes', 'spec.egress[0]'] }],
  })
  runSuite({
    yaml: nodesYaml,
    settings: { enableNodeSelectorLabels: false, nodes },
    probes: [{ name: '§5.7 off (Cilium default): the rule is rejected, so it neither allows nor selects', from: 'shop/app=n', to: 'node:10.0.0.11', expect: 'allowed', egress: 'unenforced', by: ['egress', 'unenforced'] }],
  })
  it('§5.7 off: the rejection is reported as an engine problem naming the rule', () => {
    const set = compileYaml(nodesYaml, { nodes })
    expect(set.problems).toEqual([expect.objectContaining({ policy: 'nodes', path: 'spec', message: expect.stringMatching(/enable-node-selector-labels/) })])
    expect(compileYaml(nodesYaml, { nodes, enableNodeSelectorLabels: true }).problems).toEqual([])
  })
})

const peersYaml =
  cnp('shop', 'api', `
    endpointSelector: {matchLabels: {app: api}}
    ingress:
      - fromEndpoints: [{matchLabels: {app: web}}]
      - fromEndpoints: [{matchLabels: {app: batch, io.cilium.k8s.policy.cluster: remote}}]
  `) +
  knp('shop', 'db', `
    podSelector: {matchLabels: {app: db}}
    ingress:
      - from: [{podSelector: {matchLabels: {app: api}}}]
  `)

const localProbes = (on: boolean): Probe[] => [
  { name: `§2.4 local cluster ${on ? 'on' : 'off'}: a local peer is allowed`, from: 'shop/app=web@prod', to: 'shop/app=api@prod', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] },
  on
    ? { name: '§2.4 local cluster on: the same labels in another cluster are not selected', from: 'shop/app=web@remote', to: 'shop/app=api@prod', expect: 'denied', by: ['ingress', 'default-deny', 'shop/api', 'spec'] }
    : { name: '§2.4 local cluster off: peers of every cluster are selected', from: 'shop/app=web@remote', to: 'shop/app=api@prod', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] },
  { name: `§2.4 local cluster ${on ? 'on' : 'off'}: a peer naming its cluster is kept as written`, from: 'shop/app=batch@remote', to: 'shop/app=api@prod', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[1]'] },
  on
    ? { name: '§8.2 local cluster on: a KNP pod peer is local only too', from: 'shop/app=api@remote', to: 'shop/app=db@prod', expect: 'denied', by: ['ingress', 'default-deny', 'shop/db', 'spec'] }
    : { name: '§8.2 local cluster off: a KNP pod peer selects every cluster', from: 'shop/app=api@remote', to: 'shop/app=db@prod', expect: 'allowed', by: ['ingress', 'allow', 'shop/db', 'spec.ingress[0]'] },
]

describe('§2.4 policy-default-local-cluster', () => {
  runSuite({ yaml: peersYaml, settings: { clusterName: 'prod', policyDefaultLocalCluster: true }, probes: localProbes(true) })
  runSuite({ yaml: peersYaml, settings: { clusterName: 'prod', policyDefaultLocalCluster: false }, probes: localProbes(false) })
  // Unset: the version's default (on since 1.19); the answer then depends on the version.
  runSuite({ yaml: peersYaml, settings: { clusterName: 'prod', ciliumVersion: '1.19' }, probes: localProbes(true) })
  runSuite({ yaml: peersYaml, settings: { clusterName: 'prod', ciliumVersion: '1.18' }, probes: localProbes(false) })
  runSuite({
    yaml: peersYaml,
    probes: [{ name: '§2.4 without a cluster name every pod counts as local', from: 'shop/app=web@remote', to: 'shop/app=api@prod', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] }],
  })
})

const defaultAllowYaml = cnp('shop', 'open', `
  endpointSelector: {matchLabels: {app: api}}
  enableDefaultDeny: {ingress: false}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/public"}]}}]
`)

describe('§0/§3.2 enableDefaultDeny as the agent honours it', () => {
  const probes = (honoured: boolean): Probe[] => [
    honoured
      ? { name: '§3.2 enableDefaultDeny false: another peer is allowed', from: 'shop/app=other', to: 'shop/app=api', port: 81, expect: 'allowed', by: ['ingress', 'allow', ''] }
      : { name: '§3.2 enableDefaultDeny not honoured: another peer is default-denied', from: 'shop/app=other', to: 'shop/app=api', port: 81, expect: 'denied', by: ['ingress', 'default-deny', 'shop/open', 'spec'] },
    { name: `§3.2 the allowed peer is allowed either way (${honoured ? 'honoured' : 'ignored'})`, from: 'shop/app=web', to: 'shop/app=api', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/open', 'spec.ingress[0]'] },
  ]
  runSuite({ yaml: defaultAllowYaml, probes: probes(true) })
  runSuite({ yaml: defaultAllowYaml, settings: { nonDefaultDenyPolicies: false }, probes: probes(false) })
  runSuite({ yaml: defaultAllowYaml, settings: { ciliumVersion: '1.16' }, probes: probes(true) })
  runSuite({ yaml: defaultAllowYaml, settings: { ciliumVersion: '1.15' }, probes: probes(false) })
})

describe('§3.3 L7 rules under default-allow, by version', () => {
  const probes = (wildcard: boolean): Probe[] => [
    { name: `§3.3 a matching request is allowed (${wildcard ? '≥1.18' : '<1.18'})`, from: 'shop/app=web', to: 'shop/app=api', http: 'GET /public', expect: 'allowed', by: ['l7', wildcard ? 'allow' : 'allow'] },
    wildcard
      ? { name: '§3.3 ≥1.18: a wildcard L7 rule lets a non-matching request through', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /private', expect: 'allowed', by: ['l7', 'allow', ''] }
      : { name: '§3.3 <1.18: the L7 rules refuse a non-matching request', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /private', expect: 'denied', by: ['l7', 'default-deny', 'shop/open'] },
  ]
  runSuite({ yaml: defaultAllowYaml, settings: { ciliumVersion: '1.18' }, probes: probes(true) })
  runSuite({ yaml: defaultAllowYaml, settings: { ciliumVersion: '1.17' }, probes: probes(false) })
})

const nsLabelYaml = cnp('shop', 'team', `
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: blue}}]
`)

describe('§2.4 CNP peers on namespace labels, by version', () => {
  const probes = (pinned: boolean): Probe[] => [
    { name: `§2.4 the policy's own namespace with the label is allowed (${pinned ? '<1.16' : '≥1.16'})`, from: 'shop[team=blue]/app=x', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/team', 'spec.ingress[0]'] },
    pinned
      ? { name: '§2.4 <1.16: another namespace with the label is not selected (pinned)', from: 'ops[team=blue]/app=x', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'default-deny', 'shop/team', 'spec'] }
      : { name: '§2.4 ≥1.16: another namespace with the label is selected', from: 'ops[team=blue]/app=x', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/team', 'spec.ingress[0]'] },
  ]
  runSuite({ yaml: nsLabelYaml, settings: { ciliumVersion: '1.16' }, probes: probes(false) })
  runSuite({ yaml: nsLabelYaml, settings: { ciliumVersion: '1.15' }, probes: probes(true) })
})

describe('the answer says when it depends on the version', () => {
  const cases: { name: string; yaml: string; settings: Partial<Settings>; probe: Probe; clause: string | null }[] = [
    { name: '§3.3 <1.18 L7 refusal', yaml: defaultAllowYaml, settings: { ciliumVersion: '1.17' }, probe: { name: '', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /private', expect: 'denied', by: ['l7', 'default-deny'] }, clause: 'l7-default-allow-wildcard' },
    { name: '§3.3 ≥1.18 L7 wildcard', yaml: defaultAllowYaml, settings: {}, probe: { name: '', from: 'shop/app=web', to: 'shop/app=api', http: 'GET /private', expect: 'allowed', by: ['l7', 'allow'] }, clause: 'l7-default-allow-wildcard' },
    { name: '§3.2 default-allow by enableDefaultDeny', yaml: defaultAllowYaml, settings: {}, probe: { name: '', from: 'shop/app=other', to: 'shop/app=api', port: 81, expect: 'allowed', by: ['ingress', 'allow'] }, clause: 'enable-default-deny' },
    { name: '§3.2 <1.16 default-deny despite enableDefaultDeny false', yaml: defaultAllowYaml, settings: { ciliumVersion: '1.15' }, probe: { name: '', from: 'shop/app=other', to: 'shop/app=api', port: 81, expect: 'denied', by: ['ingress', 'default-deny'] }, clause: 'enable-default-deny' },
    { name: '§2.4 namespace-label peer from another namespace', yaml: nsLabelYaml, settings: {}, probe: { name: '', from: 'ops[team=blue]/app=x', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow'] }, clause: 'cnp-namespace-label-peers' },
    { name: '§2.4 local-cluster default decides a remote peer', yaml: peersYaml, settings: { clusterName: 'prod' }, probe: { name: '', from: 'shop/app=web@remote', to: 'shop/app=api@prod', expect: 'denied', by: ['ingress', 'default-deny'] }, clause: 'local-cluster-default' },
    { name: 'an explicit policy-default-local-cluster does not depend on the version', yaml: peersYaml, settings: { clusterName: 'prod', policyDefaultLocalCluster: true }, probe: { name: '', from: 'shop/app=web@remote', to: 'shop/app=api@prod', expect: 'denied', by: ['ingress', 'default-deny'] }, clause: null },
    { name: 'a namespace-label peer from its own namespace does not depend on the version', yaml: nsLabelYaml, settings: {}, probe: { name: '', from: 'shop[team=blue]/app=x', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow'] }, clause: null },
  ]
  for (const c of cases)
    it(c.name, () => {
      const set = compileYaml(c.yaml, c.settings)
      const request = requestOf(c.probe)
      const r = evaluate(set, request)
      expect(r.verdict).toBe(c.probe.expect)
      expect(versionDependence(r)).toEqual(c.clause === null ? [] : [c.clause])
      const lines = explain(r, { set, request })
      const said = lines.some((l) => l.startsWith('This answer depends on the Cilium version'))
      expect(said).toBe(c.clause !== null)
      if (c.clause !== null) {
        const clause = VERSION_CLAUSES.find((v) => v.id === c.clause)!
        expect(lines.join('\n')).toContain(`${clause.section} ${clause.title}`)
      }
    })
})
