/**
 * The page's security policy, as a meta tag in the built index.html and as HTTP headers from the
 * server `npm start` runs (vite preview). Only a header can carry `frame-ancestors` (browsers
 * ignore it in a meta tag), and `X-Content-Type-Options` / `Referrer-Policy` have no meta form
 * that covers every response.
 */

/**
 * Nothing leaves the browser: scripts, styles, images, fonts and workers come only from the page's
 * own origin. `connect-src` adds `https:` for one reason: `?policy-url=<address>` loads a policy from
 * an address the user brings, after the page has shown it in full and the user said Load
 * (src/features/files/PolicyUrlDialog.tsx). That address cannot be known when the page is built, and
 * a meta CSP cannot be widened at run time, so the one request needs a scheme-wide allowance; plain
 * http stays blocked (it could be altered on the way), as does every other kind of off-origin load.
 * No code path fetches without that confirmation: the no-off-origin e2e walks a whole journey.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'none'"

/** Headers of every response the preview server sends. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The same refusal to be framed for browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
}
