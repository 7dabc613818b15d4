import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './styles.css'
import { App } from './App.tsx'
import { demoText } from '../store/samples.ts'
import { installMembraneApi } from './membrane-api.ts'
import { createAppStores, installStores } from '../store/app-stores.ts'
import { browserStorage } from '../store/persistence.ts'
import { createEvaluator } from '../worker/evaluator-client.ts'
import { browserFlowPersistence } from '../store/flows-persistence.ts'
import { restoreFlows } from '../store/create-flows-store.ts'

// The one set of stores the app uses: autosave in localStorage, the evaluator in a Web Worker,
// the loaded capture in IndexedDB.
const flowPersistence = browserFlowPersistence()
const stores = createAppStores({
  flowPersistence,
  demoFlows: () => import('../../public/samples/demo-flows.jsonl?raw').then((m) => m.default),
  demoText,
  storage: browserStorage(),
  evaluator: createEvaluator(() => new Worker(new URL('../worker/evaluator.worker.ts', import.meta.url), { type: 'module' })),
})
installStores(stores)
installMembraneApi(stores)
void restoreFlows(stores.flows, flowPersistence)
// Save on the way out too, so a reload right after typing loses nothing.
const saveNow = (): void => stores.workspace.getState().saveNow()
window.addEventListener('pagehide', saveNow)
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveNow()
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
