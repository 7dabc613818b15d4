import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/*
 * The layers, enforced (DESIGN.md "Architecture"): domain ← worker ← store ← actions ← features
 * ← app, and domain ← cli; ui (shared presentational pieces) imports only the domain. Imports are
 * relative, so a layer is recognised by the folder an import climbs up to (`../../store/…`).
 * `no-restricted-imports` takes one option set per file, so each block below lists all of it.
 */
const up = (...folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message: `This layer may not import ${folders.join(', ')}: dependencies point domain ← worker ← store ← actions ← features ← app (see DESIGN.md).`,
})

const BROWSER_UI = {
  group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'monaco-editor', 'monaco-editor/**', 'monaco-yaml', 'monaco-yaml/**', '@xyflow/**', 'zustand', 'zustand/**', 'elkjs', 'elkjs/**'],
  message: 'The domain is pure TypeScript: no React, DOM, Monaco, React Flow, zustand or layout libraries.',
}
const VITE_ONLY = { regex: '\\?(raw|url|worker|sharedworker|inline)$', message: 'Vite-only imports belong to the app, not to code that also runs in Node.' }
const NODE_BUILTINS = {
  regex: `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`,
  message: 'Domain code also runs in the browser: no Node built-ins outside tests.',
}
const CLI_PACKAGES = {
  // The CLI is Node on the domain: built-ins and the pure libraries the domain itself uses.
  regex: '^(?!\\.|node:|(yaml|ipaddr\\.js|re2js)(/|$))',
  message: 'The CLI imports only the domain, Node built-ins and the pure libraries the domain uses.',
}

const SERVE_PACKAGES = {
  regex: '^(?!\\.|node:|(yaml|ipaddr\\.js|re2js|sirv|chokidar)(/|$))',
  message: 'membrane serve imports the domain, Node built-ins, the domain\'s libraries, sirv and chokidar.',
}

const restrict = (files, patterns, extra = {}) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }], ...extra },
})

const DOMAIN_TESTS = ['src/domain/**/*.test.ts', 'src/domain/**/test-*.ts']
const CLI_TESTS = ['src/cli/**/*.test.ts']
const domainUp = up('worker', 'store', 'actions', 'ui', 'features', 'app', 'cli')
const noDynamicImport = {
  'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'The domain loads no modules at run time.' }],
}

/** A feature imports no other feature: from depth `d` below its folder, `../` × (d + 1) + a name is a sibling feature. */
const featureBlocks = [0, 1, 2, 3, 4].map((depth) =>
  restrict([`src/features/*/${'*/'.repeat(depth)}*.{ts,tsx}`], [
    up('app', 'cli', 'features'),
    { regex: `^(\\.\\./){${depth + 1}}[^./]`, message: 'A feature imports no other feature: share through src/ui, src/actions or src/store, and let src/app compose the panes.' },
  ]),
)

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'test-results', 'playwright-report', 'reports', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { ...globals.node } } },

  restrict(['src/domain/**/*.ts'], [domainUp, BROWSER_UI, VITE_ONLY, NODE_BUILTINS], noDynamicImport),
  restrict(DOMAIN_TESTS, [domainUp, BROWSER_UI, VITE_ONLY], { 'no-restricted-syntax': 'off' }),
  restrict(['src/worker/**/*.ts'], [up('store', 'actions', 'ui', 'features', 'app', 'cli')]),
  restrict(['src/store/**/*.{ts,tsx}'], [up('actions', 'ui', 'features', 'app', 'cli')]),
  restrict(['src/actions/**/*.{ts,tsx}'], [up('features', 'app', 'cli')]),
  restrict(['src/ui/**/*.{ts,tsx}'], [up('worker', 'store', 'actions', 'features', 'app', 'cli')]),
  ...featureBlocks,
  restrict(['src/app/**/*.{ts,tsx}'], [up('cli')]),
  restrict(['src/cli/**/*.ts'], [up('worker', 'store', 'actions', 'ui', 'features', 'app'), CLI_PACKAGES, VITE_ONLY]),
  // `membrane serve` is a server: static files (sirv) and folder watching (chokidar), bundled too.
  restrict(['src/cli/serve/**/*.ts'], [up('worker', 'store', 'actions', 'ui', 'features', 'app'), SERVE_PACKAGES, VITE_ONLY]),
  restrict(CLI_TESTS, [up('worker', 'store', 'actions', 'ui', 'features', 'app'), BROWSER_UI, VITE_ONLY]),
)
