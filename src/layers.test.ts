/**
 * The lint refuses a wrong-way import: each case lints one made-up file with the repo's own
 * eslint.config.js and expects the layer rule to fire (or, for allowed directions, to stay quiet).
 * Only the import rules run, without type information, so no file has to exist on disk.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax',
})

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

const refused: [string, string, string][] = [
  ['domain importing react', 'src/domain/graph/wrong-way.ts', "import { useState } from 'react'"],
  ['domain importing react-dom', 'src/domain/graph/wrong-way.ts', "import { createRoot } from 'react-dom/client'"],
  ['domain importing Monaco (types too)', 'src/domain/policy/wrong-way.ts', "import type { editor } from 'monaco-editor/editor'"],
  ['domain importing monaco-yaml', 'src/domain/policy/wrong-way.ts', "import { configureMonacoYaml } from 'monaco-yaml'"],
  ['domain importing React Flow', 'src/domain/graph/wrong-way.ts', "import { MarkerType } from '@xyflow/react'"],
  ['domain importing zustand', 'src/domain/edits/wrong-way.ts', "import { create } from 'zustand'"],
  ['domain importing elkjs', 'src/domain/graph/wrong-way.ts', "import ELK from 'elkjs/lib/elk.bundled.js'"],
  ['domain importing the worker', 'src/domain/engine/wrong-way.ts', "import type { PeerSpec } from '../../worker/protocol.ts'"],
  ['domain importing the store', 'src/domain/graph/wrong-way.ts', "import { useWorkspace } from '../../store/workspace-store.ts'"],
  ['domain importing a feature', 'src/domain/graph/wrong-way.ts', "import { GraphPane } from '../../features/graph/GraphPane.tsx'"],
  ['domain importing the app', 'src/domain/graph/wrong-way.ts', "import { App } from '../../app/App.tsx'"],
  ['domain importing the cli', 'src/domain/graph/wrong-way.ts', "import { run } from '../../cli/main.ts'"],
  ['domain re-exporting the store', 'src/domain/graph/wrong-way.ts', "export { useWorkspace } from '../../store/workspace-store.ts'"],
  ['domain code importing a Node built-in', 'src/domain/flows/wrong-way.ts', "import { readFileSync } from 'node:fs'"],
  ['domain code loading a module at run time', 'src/domain/flows/wrong-way.ts', "export const m = import('./parser.ts')"],
  ['domain importing a Vite raw asset', 'src/domain/examples/wrong-way.ts', "import text from '../../../public/samples/demo.yaml?raw'"],
  ['worker importing the store', 'src/worker/wrong-way.ts', "import { useWorkspace } from '../store/workspace-store.ts'"],
  ['worker importing a feature', 'src/worker/wrong-way.ts', "import { isTypingTarget } from '../features/graph/useGraphShortcuts.ts'"],
  ['store importing a feature', 'src/store/wrong-way.ts', "import { Palette } from '../features/edit/Palette.tsx'"],
  ['store importing the app', 'src/store/wrong-way.ts', "import { App } from '../app/App.tsx'"],
  ['actions importing a feature', 'src/actions/wrong-way.ts', "import { ContextMenu } from '../features/edit/ContextMenu.tsx'"],
  ['ui importing the store', 'src/ui/Wrong.tsx', "import { useWorkspace } from '../store/workspace-store.ts'"],
  ['feature importing the app', 'src/features/workspace/Wrong.tsx', "import { EXAMPLES } from '../../app/samples.ts'"],
  ['feature importing another feature', 'src/features/graph/Wrong.tsx', "import { ContextMenu } from '../edit/ContextMenu.tsx'"],
  ['nested feature file importing another feature', 'src/features/graph/nodes/Wrong.tsx', "import { PeerChip } from '../../focus/PeerChip.tsx'"],
  ['cli importing the store', 'src/cli/commands/wrong-way.ts', "import { useWorkspace } from '../../store/workspace-store.ts'"],
  ['cli importing the worker', 'src/cli/wrong-way.ts', "import { createEvaluator } from '../worker/evaluator-client.ts'"],
  ['cli importing react', 'src/cli/wrong-way.ts', "import { useState } from 'react'"],
  ['cli importing a package the domain does not use', 'src/cli/wrong-way.ts', "import { create } from 'zustand'"],
  ['cli outside serve importing the server pieces', 'src/cli/commands/wrong-way.ts', "import sirv from 'sirv'"],
]

const allowed: [string, string, string][] = [
  ['domain importing the domain', 'src/domain/graph/right-way.ts', "import type { YamlPath } from '../policy/model.ts'"],
  ['domain importing its pure libraries', 'src/domain/policy/right-way.ts', "import { parseDocument } from 'yaml'"],
  ['domain test reading a fixture file', 'src/domain/flows/right-way.test.ts', "import { readFileSync } from 'node:fs'"],
  ['worker importing the domain', 'src/worker/right-way.ts', "import type { Policy } from '../domain/policy/model.ts'"],
  ['store importing the worker', 'src/store/right-way.ts', "import { createEvaluator } from '../worker/evaluator-client.ts'"],
  ['actions importing store and ui', 'src/actions/right-way.ts', "import { useWorkspace } from '../store/workspace-store.ts'\nimport type { ConfirmRequest } from '../ui/ConfirmDialog.tsx'"],
  ['feature importing ui, actions, store, worker, domain', 'src/features/graph/Right.tsx', [
    "import { Shields } from '../../ui/Shields.tsx'",
    "import { ACTIONS } from '../../actions/index.ts'",
    "import { useWorkspace } from '../../store/workspace-store.ts'",
    "import type { PeerSpec } from '../../worker/protocol.ts'",
    "import type { GraphNode } from '../../domain/graph/index.ts'",
  ].join('\n')],
  ['nested feature file importing its own feature', 'src/features/graph/nodes/Right.tsx', "import type { MemberFlowNode } from '../flow-types.ts'"],
  ['app importing features', 'src/app/Right.tsx', "import { GraphPane } from '../features/graph/GraphPane.tsx'"],
  ['cli serve importing its server pieces', 'src/cli/serve/right-way.ts', "import sirv from 'sirv'\nimport { watch } from 'chokidar'"],
  ['cli importing the domain and node', 'src/cli/commands/right-way.ts', "import path from 'node:path'\nimport { parsePolicies } from '../../domain/policy/parse.ts'\nimport { parseDocument } from 'yaml'"],
]

describe('the lint refuses wrong-way imports', () => {
  it.each(refused)('%s', async (_name, file, code) => {
    const errors = await layerErrors(file, code)
    expect(errors.length).toBe(1)
    expect(errors[0]).toMatch(/^no-restricted-(imports|syntax): /)
  })
})

describe('the lint allows the layers to be used the right way', () => {
  it.each(allowed)('%s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })
})
