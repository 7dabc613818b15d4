/**
 * Monaco from the local package (never a CDN), with monaco-yaml validating against our schema.
 * Imported only by the lazily loaded YAML pane, so the graph paints before Monaco arrives.
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/yaml/register'
import { configureMonacoYaml } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import YamlWorker from './yaml.worker.ts?worker'
import { policySchema } from '../../domain/policy/schema.ts'

export const MODEL_URI = 'file:///workspace/policies.yaml'

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    if (label === 'yaml') return new YamlWorker()
    return new EditorWorker()
  },
}

interface LegacyWorkerOptions {
  worker?: unknown
  moduleId: string
  label: string
  createData: unknown
  host?: unknown
  keepIdleModels?: boolean
}

// monaco >= 0.55 wants `{worker}`; monaco-yaml 5.5.1 still passes `{moduleId,label,createData}`.
// Without this shim Monaco silently runs without the YAML service (toolchain record, pitfall 2).
const createWebWorker = ((o: LegacyWorkerOptions) => {
  if (o.worker) return monaco.editor.createWebWorker(o as never)
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!(o.moduleId, o.label)).then((w) => {
    w.postMessage('ignore')
    w.postMessage(o.createData)
    return w
  })
  return monaco.editor.createWebWorker({ host: o.host, keepIdleModels: o.keepIdleModels, worker } as never)
}) as typeof monaco.editor.createWebWorker

configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [{ uri: 'inmemory://membrane/policy-schema.json', fileMatch: ['**/*.yaml'], schema: policySchema as never }],
})

export { monaco }
