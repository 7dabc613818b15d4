/**
 * The page's security policy, as a meta tag in the built index.html and as HTTP headers from the
 * server `npm start` runs (vite preview). Only a header can carry `frame-ancestors` (browsers
 * ignore it in a meta tag), and `X-Content-Type-Options` / `Referrer-Policy` have no meta form
 * that covers every response.
 */

/** Nothing leaves the browser: the built app may reach only its own origin. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

/** Headers of every response the preview server sends. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The same refusal to be framed for browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
}
