/**
 * Entity membership (§5.2), one probe per (entity, identity) in both directions: egress
 * `toEntities` from a pod, and ingress `fromEntities` to a pod. probes-peers.test.ts checks the
 * egress table with the identity as destination; here the same table is judged on ingress, with
 * the identity as the source.
 */
import { describe } from 'vitest'
import type { Probe } from './test-harness.ts'
import { ccnp, cnp, runSuite } from './test-harness.ts'

const ENTITIES = ['all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged', 'none']

/** Identities and the entities that contain them (§5.2 table, §9.34–36). */
const MEMBERSHIP: Record<string, readonly string[]> = {
  '93.184.216.34': ['all', 'world'],
  host: ['all', 'cluster', 'host'],
  'remote-node': ['all', 'cluster', 'remote-node'],
  'kube-apiserver': ['all', 'cluster', 'remote-node', 'kube-apiserver'],
  health: ['all', 'cluster', 'health'],
  init: ['all', 'cluster', 'init'],
  ingress: ['all', 'cluster', 'ingress'],
  unmanaged: ['all', 'cluster', 'unmanaged'],
  'other/app=x@prod': ['all', 'cluster'],
  'other/app=x@remote': ['all'],
}

const yaml =
  ENTITIES.map((e) =>
    cnp('shop', `from-${e}`, `
      endpointSelector: {matchLabels: {app: i-${e}}}
      ingress:
        - fromEntities: [${e}]
    `),
  ).join('') +
  // The init identity is default-deny on egress too (§3.1): let it out, so only ingress decides.
  ccnp('init-out', `
    endpointSelector: {matchLabels: {"reserved:init": ""}}
    egress:
      - toEntities: [all]
  `)

const ingressMatrix: Probe[] = []
for (const [source, members] of Object.entries(MEMBERSHIP))
  for (const e of ENTITIES) {
    const inIt = members.includes(e)
    ingressMatrix.push({
      name: `§5.2 ingress: fromEntities ${e} ${inIt ? 'admits' : 'excludes'} ${source}`,
      from: source,
      to: `shop/app=i-${e}@prod`,
      expect: inIt ? 'allowed' : 'denied',
      ingress: inIt ? 'allowed' : 'denied',
      by: inIt ? ['ingress', 'allow', `shop/from-${e}`, 'spec.ingress[0]'] : ['ingress', 'default-deny', `shop/from-${e}`, 'spec'],
    })
  }

describe('§5.2 entity membership, ingress direction', () => {
  // allow-localhost=policy: the host is judged by the entity rules, not let in by §3.4.
  runSuite({ yaml, settings: { clusterName: 'prod', allowLocalhost: 'policy' }, probes: ingressMatrix })
  runSuite({
    yaml: cnp('shop', 'from-cluster', `
      endpointSelector: {matchLabels: {app: api}}
      ingress:
        - fromEntities: [cluster]
    `),
    probes: [
      {
        name: '§5.2/§3.1 cluster admits init on ingress, but init with no egress policy is default-deny at its own egress',
        from: 'init', to: 'shop/app=api', expect: 'denied', ingress: 'allowed', egress: 'denied', by: ['egress', 'default-deny', ''],
      },
      { name: '§3.4 with allow-localhost=always the host is let in before any entity rule', from: 'host', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'localhost'] },
    ],
  })
})
