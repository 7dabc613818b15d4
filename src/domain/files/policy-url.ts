/**
 * `?policy-url=<address>`: which addresses the page may load a policy from (after the user said
 * yes), and whether what came back is a policy. Only https, or the page's own origin: a plain-http
 * address could be altered on the way, and the page's CSP allows nothing else anyway.
 */
import { parseAllDocuments } from 'yaml'
import { parseUrl } from './web-url.ts'
import type { ParsedUrl } from './web-url.ts'

/** Larger than any policy folder anyone shares by link; a bigger answer is refused unread. */
export const POLICY_URL_MAX_BYTES = 2 * 1024 * 1024

export const POLICY_URL_PARAM = 'policy-url'

export type PolicyUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string }

/** `raw` as given in the query; `pageOrigin` is `location.origin`. */
export function checkPolicyUrl(raw: string, pageOrigin: string): PolicyUrlCheck {
  let url: ParsedUrl
  try {
    url = parseUrl(raw, pageOrigin)
  } catch {
    return { ok: false, error: `"${raw}" is not a web address.` }
  }
  if (url.origin !== pageOrigin && url.protocol !== 'https:') {
    return { ok: false, error: `Only https addresses can be loaded (this one is ${url.protocol.replace(':', '')}).` }
  }
  if (url.username || url.password) return { ok: false, error: 'Addresses with a user name or password are not loaded.' }
  return { ok: true, url: url.href }
}

/** The file name a loaded policy is kept under (its header in the workspace). */
export function policyUrlFileName(url: string): string {
  const last = parseUrl(url).pathname.split('/').filter(Boolean).pop() ?? ''
  const name = decodeURIComponent(last).replace(/[\r\n]/g, '').trim()
  return name === '' ? 'policy.yaml' : name
}

/** Why `text` is not a policy file, or null when it holds at least one Kubernetes object. */
export function policyTextProblem(text: string): string | null {
  if (text.trim() === '') return 'The address answered with an empty file.'
  if (/^\s*<(?:!doctype|html)/i.test(text)) return 'The address answered with a web page (HTML), not YAML. Link to the raw file.'
  const docs = parseAllDocuments(text)
  const list = Array.isArray(docs) ? docs : [docs]
  const broken = list.find((d) => d.errors.length > 0)
  if (broken) return `The answer is not valid YAML: ${broken.errors[0]!.message.split('\n')[0]}`
  const objects = list.map((d) => d.toJS() as unknown).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
  if (!objects.some((o) => typeof (o as Record<string, unknown>)['kind'] === 'string')) return 'The answer is YAML but holds no Kubernetes object (no `kind:`).'
  return null
}
