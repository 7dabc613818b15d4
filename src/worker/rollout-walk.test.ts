/**
 * The rollout loop on the demo, through the worker's commands as the Rollout panel runs them:
 * draft allow policies from the flows, add default deny with the namespace in audit, enforce.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENT_SETTINGS, toggleAuditScope } from '../domain/settings/index.ts'
import type { AgentSettings } from '../domain/settings/index.ts'
import { defaultDenyPolicy } from '../domain/rollout/index.ts'
import { EvaluatorCore } from './evaluator-core.ts'

const DEMO = readFileSync(new URL('../../public/samples/demo.yaml', import.meta.url), 'utf8')
const FLOWS = readFileSync(new URL('../../public/samples/demo-flows.jsonl', import.meta.url), 'utf8')

function walk(namespace: string, first: string): string[] {
  const core = new EvaluatorCore()
  let text = DEMO
  let settings: AgentSettings = DEFAULT_AGENT_SETTINGS
  core.run({ type: 'setWorkspace', text, settings })
  core.run({ type: 'loadFlows', text: FLOWS })
  const seen: string[] = []
  const step = () => {
    const ns = core.run({ type: 'rollout' }).namespaces.find((n) => n.namespace === namespace)!
    seen.push(`${ns.stage}:${ns.next.kind}`)
    return ns
  }
  expect(step().stage).toBe(first)
  for (let i = 0; i < 4; i++) {
    const ns = seen.at(-1)!.split(':')[1]
    if (ns === 'draft') text = `${text}---\n${core.run({ type: 'generate', scope: { namespace } }).yaml}`
    else if (ns === 'default-deny-audit') {
      text = `${text}---\n${defaultDenyPolicy(namespace, 'default-deny-all')}`
      settings = { ...settings, auditScope: toggleAuditScope(settings.auditScope, 'namespace', namespace, true) }
    } else if (ns === 'enforce') settings = { ...settings, auditScope: toggleAuditScope(settings.auditScope, 'namespace', namespace, false) }
    else break
    core.run({ type: 'setWorkspace', text, settings })
    step()
  }
  return seen
}

describe('the rollout panel walks a namespace of the demo to enforcement', () => {
  it('shop: its ingress allows are there; drafted egress, default deny in audit, enforced', () => {
    expect(walk('shop', 'allow')).toEqual(['allow:draft', 'allow:default-deny-audit', 'audit:enforce', 'enforce:done'])
  })

  it('monitoring (the system track): observe → allow → audit → enforce', () => {
    expect(walk('monitoring', 'observe')).toEqual(['observe:draft', 'allow:default-deny-audit', 'audit:enforce', 'enforce:done'])
  })

  it('reports the counts of each namespace and puts the system namespaces last', () => {
    const core = new EvaluatorCore()
    core.run({ type: 'setWorkspace', text: DEMO, settings: DEFAULT_AGENT_SETTINGS })
    core.run({ type: 'loadFlows', text: FLOWS })
    const r = core.run({ type: 'rollout' })
    expect(r.namespaces.map((n) => [n.namespace, n.system])).toEqual([['payments', false], ['shop', false], ['kube-system', true], ['monitoring', true]])
    const shop = r.namespaces[1]
    expect(shop).toMatchObject({ observed: 48, covered: 21, uncovered: 18, audited: 0, denied: 0, dropped: 9, defaultDeny: { ingress: true, egress: false }, inAudit: false })
    expect(shop.window!.to).toBeGreaterThan(shop.window!.from)
    expect(shop.coverage.ingressIsolated).toHaveLength(3)
    expect(shop.coverage.worldReachable).toEqual(['wl/shop/app=frontend'])
    expect(r.namespaces[0].coverage.l7).toEqual(['wl/payments/app=pg-gateway'])
    expect(r.checklist.find((c) => c.id === 'one-kind')?.state).toBe('open')
    expect(r.checklist.find((c) => c.id === 'fqdn-dns')?.state).toBe('done')
  })

  it('an audit scope on payments turns its would-be denials into audit verdicts', () => {
    const core = new EvaluatorCore()
    core.run({ type: 'setWorkspace', text: DEMO, settings: { ...DEFAULT_AGENT_SETTINGS, auditScope: { namespaces: ['payments'], workloads: [] } } })
    core.run({ type: 'loadFlows', text: FLOWS })
    const payments = core.run({ type: 'rollout' }).namespaces.find((n) => n.namespace === 'payments')!
    expect(payments).toMatchObject({ stage: 'audit', inAudit: true, audited: 4, denied: 0, next: { kind: 'draft' } })
    expect(core.run({ type: 'verdicts' }).summary.audit).toBeGreaterThan(0)
  })
})
