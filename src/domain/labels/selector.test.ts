import { describe, expect, it } from 'vitest'
import { formatLabel, parseLabel, parseLabelKey } from './label.ts'
import type { Requirement } from './selector.ts'
import { LabelIndex, plainMatchLabels, requirementMatches, selectorFrom, selectorMatches, selectorToString } from './selector.ts'

const ids = (...raw: string[]) => new LabelIndex(raw.map((r) => parseLabel(r)))

describe('parseLabelKey (§1.1, §1.2)', () => {
  const cases: [string, string, string][] = [
    ['k8s:app', 'k8s', 'app'],
    ['app', 'any', 'app'],
    ['app.kubernetes.io/name', 'any', 'app.kubernetes.io/name'],
    ['io.kubernetes.pod.namespace', 'any', 'io.kubernetes.pod.namespace'],
    ['reserved:host', 'reserved', 'host'],
    ['$host', 'reserved', 'host'],
    ['any:io.cilium.k8s.namespace.labels.team', 'any', 'io.cilium.k8s.namespace.labels.team'],
    ['example.com:thing', 'any', 'example.com:thing'],
    ['cidr:10.0.0.0/8', 'cidr', '10.0.0.0/8'],
  ]
  for (const [raw, source, key] of cases) {
    it(`${raw} → ${source}:${key}`, () => expect(parseLabelKey(raw)).toEqual({ source, key }))
  }
  it('uses the given default source', () => expect(parseLabelKey('app', 'k8s')).toEqual({ source: 'k8s', key: 'app' }))
  it('parseLabel / formatLabel round-trip', () => {
    expect(parseLabel('k8s:app=web')).toEqual({ source: 'k8s', key: 'app', value: 'web' })
    expect(parseLabel('reserved:host')).toEqual({ source: 'reserved', key: 'host', value: '' })
    expect(formatLabel(parseLabel('k8s:a=b=c'))).toBe('k8s:a=b=c')
  })
})

describe('source matching (§1.2)', () => {
  it('any: matches the key from every source', () => {
    expect(selectorMatches(selectorFrom({ app: 'web' }), ids('k8s:app=web'))).toBe(true)
    expect(selectorMatches(selectorFrom({ app: 'web' }), ids('container:app=web'))).toBe(true)
  })
  it('an explicit source must match exactly', () => {
    expect(selectorMatches(selectorFrom({ 'k8s:app': 'web' }), ids('container:app=web'))).toBe(false)
    expect(selectorMatches(selectorFrom({ 'k8s:app': 'web' }), ids('k8s:app=web'))).toBe(true)
  })
  it('"" matches an empty label value', () => {
    expect(selectorMatches(selectorFrom({ 'reserved:host': '' }), ids('reserved:host'))).toBe(true)
  })
})

describe('operators (§1.5)', () => {
  const req = (operator: Requirement['operator'], values: string[] = []): Requirement => ({ source: 'any', key: 'tier', operator, values })
  const table: [string, Requirement, string[], boolean][] = [
    ['In with the value', req('In', ['a', 'b']), ['k8s:tier=b'], true],
    ['In with another value', req('In', ['a']), ['k8s:tier=c'], false],
    ['In with the key absent', req('In', ['a']), ['k8s:x=a'], false],
    ['NotIn with the key absent', req('NotIn', ['a']), ['k8s:x=a'], true],
    ['NotIn with a listed value', req('NotIn', ['a']), ['k8s:tier=a'], false],
    ['NotIn with another value', req('NotIn', ['a']), ['k8s:tier=z'], true],
    ['Exists when present', req('Exists'), ['k8s:tier=z'], true],
    ['Exists when absent', req('Exists'), [], false],
    ['DoesNotExist when absent', req('DoesNotExist'), [], true],
    ['DoesNotExist when present', req('DoesNotExist'), ['k8s:tier='], false],
  ]
  for (const [name, r, labels, expected] of table) {
    it(name, () => expect(requirementMatches(r, ids(...labels))).toBe(expected))
  }
  it('requirements are ANDed; the empty selector matches everything', () => {
    const s = selectorFrom({ app: 'web' }, [{ key: 'tier', operator: 'Exists' }])
    expect(selectorMatches(s, ids('k8s:app=web'))).toBe(false)
    expect(selectorMatches(s, ids('k8s:app=web', 'k8s:tier=x'))).toBe(true)
    expect(selectorMatches(selectorFrom(), ids('reserved:world'))).toBe(true)
  })
})

describe('selector helpers', () => {
  it('selectorToString and plainMatchLabels', () => {
    const s = selectorFrom({ 'k8s:app': 'web' }, [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }])
    expect(selectorToString(s)).toBe('k8s:app=web,tier notin (a,b)')
    expect(plainMatchLabels(s)).toBeNull()
    expect(plainMatchLabels(selectorFrom({ app: 'x' }))?.get('app')).toEqual({ source: 'any', value: 'x' })
    expect(selectorToString(selectorFrom())).toBe('{}')
  })
})
