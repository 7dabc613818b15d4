import { describe, expect, it } from 'vitest'
import { absoluteRects } from './layout-engine.ts'
import { packedLayout } from './packed-layout.ts'
import type { LayoutInput, LayoutNodeInput } from './layout-types.ts'
import { exampleInputs } from './test-inputs.ts'

const n = (id: string, extra: Partial<LayoutNodeInput> = {}): LayoutNodeInput => ({ id, width: 120, height: 32, isGroup: false, ...extra })
const group = (id: string): LayoutNodeInput => n(id, { isGroup: true, width: 160, height: 64, role: 'group' })

describe('packedLayout', () => {
  it('puts senders from outside on the left, outside destinations on the right, cluster entities below', () => {
    const demo = exampleInputs().find((e) => e.id === 'demo')!.input
    const r = absoluteRects(demo, packedLayout(demo))
    const boxes = demo.nodes.filter((x) => x.isGroup).map((x) => r.get(x.id)!)
    const left = Math.min(...boxes.map((b) => b.x))
    const right = Math.max(...boxes.map((b) => b.x + b.width))
    const bottom = Math.max(...boxes.map((b) => b.y + b.height))
    expect(r.get('entity/world')!.x + r.get('entity/world')!.width).toBeLessThan(left)
    expect(r.get('fqdn/api.stripe.com')!.x).toBeGreaterThan(right)
    expect(r.get('cidr/169.254.169.254/32')!.x).toBeGreaterThan(right)
    expect(r.get('sel/_cluster/allow-kube-dns/spec.endpointSelector')!.y).toBeGreaterThan(bottom)
  })

  it('lines an outside peer up with the node it talks to', () => {
    const demo = exampleInputs().find((e) => e.id === 'demo')!.input
    const r = absoluteRects(demo, packedLayout(demo))
    const mid = (id: string): number => r.get(id)!.y + r.get(id)!.height / 2
    expect(mid('entity/world')).toBe(mid('wl/shop/app=frontend'))
    expect(mid('fqdn/api.stripe.com')).toBe(mid('wl/payments/app=pg-gateway'))
  })

  it('packs many namespaces in rows and columns, not one strip', () => {
    const nodes = Array.from({ length: 16 }, (_, i) => group(`ns/n${String(i).padStart(2, '0')}`))
    const input: LayoutInput = { nodes, edges: [], viewport: { width: 1000, height: 800 } }
    const r = absoluteRects(input, packedLayout(input))
    const xs = new Set(nodes.map((x) => r.get(x.id)!.x))
    const ys = new Set(nodes.map((x) => r.get(x.id)!.y))
    expect(xs.size).toBeGreaterThan(2)
    expect(ys.size).toBeGreaterThan(2)
  })

  it('follows the pane: a tall pane gets a taller picture than a wide one', () => {
    const nodes = Array.from({ length: 12 }, (_, i) => group(`ns/n${String(i).padStart(2, '0')}`))
    const aspect = (viewport: { width: number; height: number }): number => {
      const input = { nodes, edges: [], viewport }
      const r = [...absoluteRects(input, packedLayout(input)).values()]
      const w = Math.max(...r.map((b) => b.x + b.width))
      const h = Math.max(...r.map((b) => b.y + b.height))
      return w / h
    }
    expect(aspect({ width: 600, height: 1200 })).toBeLessThan(aspect({ width: 1600, height: 600 }))
  })

  it('sets namespaces in traffic order when that fits: senders left of receivers', () => {
    const input: LayoutInput = {
      nodes: [group('ns/a'), group('ns/b'), group('ns/c'), n('wl/a/x', { parent: 'ns/a' }), n('wl/b/y', { parent: 'ns/b' }), n('wl/c/z', { parent: 'ns/c' })],
      edges: [
        { id: '1', source: 'wl/c/z', target: 'wl/a/x', labelWidth: 60, labelHeight: 18 },
        { id: '2', source: 'wl/a/x', target: 'wl/b/y', labelWidth: 60, labelHeight: 18 },
      ],
    }
    const r = absoluteRects(input, packedLayout(input))
    expect(r.get('ns/c')!.x).toBeLessThan(r.get('ns/a')!.x)
    expect(r.get('ns/a')!.x).toBeLessThan(r.get('ns/b')!.x)
  })
})
