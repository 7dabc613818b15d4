import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './styles.css'
import { App } from './App.tsx'
import { demoText } from '../store/samples.ts'
import { installMembraneApi } from './membrane-api.ts'
import { createAppStores, installStores } from '../store/app-stores.ts'
import { browserStorage } from '../store/persistence.ts'
import { useTheme } from '../store/theme.ts'
import { createEvaluator } from '../worker/evaluator-client.ts'

// The one set of stores the app uses: autosave in localStorage, the evaluator in a Web Worker.
const stores = createAppStores({
  demoText,
  storage: browserStorage(),
  evaluator: createEvaluator(() => new Worker(new URL('../worker/evaluator.worker.ts', import.meta.url), { type: 'module' })),
})
installStores(stores)
installMembraneApi(stores)
// Save on the way out too, so a reload right after typing loses nothing.
const saveNow = (): void => stores.workspace.getState().saveNow()
window.addEventListener('pagehide', saveNow)
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveNow()
})

// Before the first paint, so a dark system never flashes the light page.
document.documentElement.dataset.theme = useTheme.getState().resolved

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
