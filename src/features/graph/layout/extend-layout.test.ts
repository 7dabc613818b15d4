import { describe, expect, it } from 'vitest'
import { extendLayout } from './extend-layout.ts'
import { computeLayout } from './layout-engine.ts'
import { graphOf } from './test-inputs.ts'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const demoText = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../public/samples/demo.yaml'), 'utf8')
const egress = (name: string, app: string, peer: string[]): string =>
  ['---', 'apiVersion: cilium.io/v2', 'kind: CiliumNetworkPolicy', 'metadata:', `  name: ${name}`, '  namespace: shop', 'spec:', '  endpointSelector:', '    matchLabels:', `      app: ${app}`, '  egress:', ...peer].join('\n')

describe('extendLayout', () => {
  const before = graphOf(demoText).input
  const placed = computeLayout(before).layout

  it('adds a new FQDN peer without moving anything that was placed', () => {
    const next = graphOf(`${demoText}\n${egress('to-api', 'backend', ['    - toFQDNs:', '        - matchName: api.example.com'])}\n`).input
    const out = extendLayout({ input: before, layout: placed }, next)
    expect(out).not.toBeNull()
    for (const [id, p] of placed) expect(out!.get(id), id).toEqual(p)
    const fqdn = out!.get('fqdn/api.example.com')!
    // In the column of outside destinations, on the right.
    expect(fqdn.x).toBe(placed.get('fqdn/api.stripe.com')!.x)
  })

  it('asks for a new layout when a workload joins a namespace', () => {
    const next = graphOf(`${demoText}\n${egress('to-cache', 'backend', ['    - toEndpoints:', '        - matchLabels:', '            app: cache'])}\n`).input
    expect(extendLayout({ input: before, layout: placed }, next)).toBeNull()
  })
})
