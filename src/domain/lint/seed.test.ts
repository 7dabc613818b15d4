/**
 * The seed article's examples (the catalogue in policy/fixtures/seed.ts and the lint fixtures): which pitfalls each one
 * triggers as written. Several do — that is the article's point about default deny.
 */
import { describe, expect, it } from 'vitest'
import * as F from './fixtures.ts'
import { lint } from './test-util.ts'
import { SEED as SEED_TEXTS } from '../policy/fixtures/seed.ts'

const CDE_LOCKDOWN = SEED_TEXTS['PCI cde-lockdown']!
const CLUSTER_ONLY_EGRESS = SEED_TEXTS['cluster-only egress']!

/** [example, codes it must trigger, codes it must not]. */
const SEED: readonly [string, string, readonly string[], readonly string[]][] = [
  ['ns-isolation', F.NS_ISOLATION, ['empty-peers-list'], ['ports-without-peers', 'system-namespace-lockdown']],
  ['allow-frontend-to-backend', F.BACKEND_FROM_FRONTEND, [], ['ports-without-peers', 'empty-peers-list', 'label-not-in-identity']],
  ['allow-from-monitoring', F.APP_KUBERNETES_IO, [], ['label-not-in-identity']],
  ['deny-metadata-endpoint', F.DENY_ONLY, ['deny-only-enables-default-deny'], []],
  ['api-l7-allow', F.L7_NARROW, [], ['l7-broad-scope']],
  ['allow-external-apis (DNS rule block 1 kept)', F.FQDN_WITH_DNS, [], ['fqdn-without-dns-proxy']],
  ['allow-external-apis without block 1 (pitfall 1)', F.FQDN_NO_DNS, ['fqdn-without-dns-proxy'], []],
  ['cluster-only-egress', CLUSTER_ONLY_EGRESS, [], ['fqdn-without-dns-proxy', 'system-namespace-lockdown']],
  ['host-fw-control-plane', F.HOST_FW_SEED, [], ['probes-blocked']],
  ['cde-lockdown: L7 namespace-wide, DNS rule pairs toFQDNs', CDE_LOCKDOWN, ['l7-broad-scope'], ['fqdn-without-dns-proxy']],
]

describe('the seed article examples', () => {
  for (const [name, text, must, mustNot] of SEED) {
    it(`${name}: ${must.length ? must.join(', ') : 'no pitfall'}`, () => {
      const found = lint(text).map((f) => f.code)
      for (const c of must) expect(found).toContain(c)
      for (const c of mustNot) expect(found).not.toContain(c)
      expect(lint(text).filter((f) => f.severity === 'error' && !must.includes(f.code))).toEqual([])
    })
  }
})
