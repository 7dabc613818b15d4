import { expect, test } from '@playwright/test'

// The server `npm start` runs (vite preview) sends the security policy as headers (issue 8).
test('the preview server sends CSP with frame-ancestors, nosniff and a Referrer-Policy', async ({ request }) => {
  for (const path of ['/', '/index.html']) {
    const res = await request.get(path)
    expect(res.ok()).toBe(true)
    const h = res.headers()
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(h['content-security-policy']).toContain("default-src 'self'")
    expect(h['content-security-policy']).toContain("connect-src 'self'")
    expect(h['x-content-type-options']).toBe('nosniff')
    expect(h['referrer-policy']).toBe('no-referrer')
  }
  const html = await (await request.get('/')).text()
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(asset).toBeDefined()
  const js = await request.get(asset ?? '')
  expect(js.headers()['x-content-type-options']).toBe('nosniff')
})
