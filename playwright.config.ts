import { defineConfig } from '@playwright/test'
import { existsSync } from 'node:fs'

// Debian's Chromium where it exists (this machine, CI); Playwright's own browser elsewhere.
const debianChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const executablePath = existsSync(debianChromium) ? debianChromium : undefined
// E2E_PORT lets two checkouts run their suites side by side.
const port = process.env.E2E_PORT ?? '4173'

export default defineConfig({
  testDir: 'e2e',
  // Two browsers at a time halve the suite's wall time on a 2-core machine; the frame-budget and
  // long-task specs measure timing, so they run alone after everything else (`performance` below).
  workers: 2,
  // Tests, not files, are shared out: one long file (layout) no longer holds a worker while the
  // other idles at the end. Every test opens its own page; serve.spec.ts asks for serial itself.
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // CI sets PLAYWRIGHT_JSON_OUTPUT_NAME and reads that report for its plain summary line.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'e2e', testIgnore: /(performance|flows-large|comfort-shots)\.spec\.ts/ },
    // One at a time: a neighbouring browser's work would land in the measured long tasks.
    { name: 'performance', testMatch: /(performance|flows-large)\.spec\.ts/, dependencies: ['e2e'], workers: 1 },
    // Screenshots of every screen in both sizes and themes, for people to look at: `npm run shots`.
    { name: 'shots', testMatch: /comfort-shots\.spec\.ts/ },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
})
