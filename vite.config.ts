/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { CSP, SECURITY_HEADERS } from './scripts/security-headers.ts'
import { thirdPartyLicenses } from './scripts/third-party-licenses.mjs'

/**
 * The policy as a meta tag, added at build time only, because the dev server injects inline
 * scripts (React refresh) that it forbids. The preview server sends it as a header too.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'membrane-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  }
}

/**
 * dist/THIRD-PARTY-LICENSES.txt: the notices of the packages the page bundles (React, Monaco,
 * React Flow…), which the minifier strips from the code; the packed `.tgz` ships `dist/`.
 */
// Modules of the worker bundles (Monaco's, monaco-yaml's, the evaluator), which Vite builds while
// it transforms the page, before the page's bundle is written.
const workerModules = new Set<string>()

function collectWorkerModules(): Plugin {
  return {
    name: 'membrane-worker-modules',
    generateBundle() {
      for (const id of this.getModuleIds()) workerModules.add(id)
    },
  }
}

function licenceNotices(): Plugin {
  return {
    name: 'membrane-licences',
    apply: 'build',
    generateBundle() {
      const ids = [...this.getModuleIds(), ...workerModules]
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source: thirdPartyLicenses(ids, 'The Membrane page (dist/)') })
    },
  }
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), licenceNotices()],
  resolve: {
    alias: [
      // monaco-worker-manager (a monaco-yaml dependency) imports the pre-0.56 deep path,
      // which monaco-editor's exports map no longer resolves (toolchain record, pitfall 1).
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  // Dev server only: without this the first yaml-worker start reloads the page midway.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'monaco-editor/editor/editor.worker'] },
  worker: { format: 'es', plugins: () => [collectWorkerModules()] },
  preview: { headers: { ...SECURITY_HEADERS } },
  build: {
    // Monaco alone is ~3.9 MB; it is lazy-loaded after the graph paints.
    chunkSizeWarningLimit: 5000,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Property and capture tests do real work; a loaded 2-core machine can take longer than the 5 s default.
    testTimeout: 30_000,
    // CI reads a JSON report to print its own plain "N passed, N failed" line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.VITEST_JSON_REPORT ? { outputFile: { json: process.env.VITEST_JSON_REPORT } } : {}),
  },
})
