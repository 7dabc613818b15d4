/** The proxy's request-head limit (l7.ts MAX_HTTP_REQUEST_HEAD): bounded regex work, said in the verdict. */
import { describe, expect, it } from 'vitest'
import { MAX_HTTP_REQUEST_HEAD } from './l7.ts'
import { cnp, requestOf, sessionFor } from './test-harness.ts'

const yaml = cnp('shop', 'paths', `
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules:
            http: [{path: "/.{0,1000}.{0,1000}.{0,1000}"}]
`)

const probe = (path: string) => sessionFor(yaml).evaluate(requestOf({ name: '', from: 'shop/app=web', to: 'shop/app=api', http: `GET ${path}`, expect: 'allowed', by: ['l7', 'allow'] }))

describe('HTTP request head over the proxy limit', () => {
  it('a path over 60 KiB is denied without matching, and the verdict says why', () => {
    const r = probe(`/${'a'.repeat(100_000)}`)
    expect(r.verdict).toBe('denied')
    expect(r.l7?.reasons[0].detail).toContain('KiB limit')
    expect(r.l7?.reasons[0].detail).toContain('431')
  })

  it('a path under the limit is still matched by the rule', () => {
    expect(probe(`/${'a'.repeat(2000)}`).verdict).toBe('allowed')
    expect(probe(`/${'a'.repeat(MAX_HTTP_REQUEST_HEAD - 100)}`).verdict).toBe('denied') // over 3000: no match, but matched
    expect(probe(`/${'a'.repeat(MAX_HTTP_REQUEST_HEAD - 100)}`).l7?.reasons[0].detail).not.toContain('KiB limit')
  })

  it('a reason quotes a long path shortened', () => {
    const r = probe(`/${'b'.repeat(50_000)}`)
    expect(r.l7?.reasons[0].detail?.length).toBeLessThan(600)
  })
})
