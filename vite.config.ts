/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-worker-manager (a monaco-yaml dependency) imports the pre-0.56 deep path,
      // which monaco-editor's exports map no longer resolves (toolchain record, pitfall 1).
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  // Dev server only: without this the first yaml-worker start reloads the page midway.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'monaco-editor/editor/editor.worker'] },
  worker: { format: 'es' },
  build: {
    // Monaco alone is ~3.9 MB; it is lazy-loaded after the graph paints.
    chunkSizeWarningLimit: 5000,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
})
