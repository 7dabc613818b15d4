import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './styles.css'
import { App } from './App.tsx'
import { SafeMode } from './SafeMode.tsx'
import { demoText } from '../store/samples.ts'
import { installMembraneApi } from './membrane-api.ts'
import { createAppStores, installStores } from '../store/app-stores.ts'
import { browserMarkBackend, loadGuard } from '../store/load-guard.ts'
import { browserStorage } from '../store/persistence.ts'
import { followOtherTabs, useOtherTab } from '../store/tab-sync.ts'
import { useTheme } from '../store/theme.ts'
import { createEvaluator } from '../worker/evaluator-client.ts'
import { browserFlowPersistence } from '../store/flows-persistence.ts'
import { restoreFlows } from '../store/create-flows-store.ts'
import { servedMode } from '../store/serve-session.ts'

// Opened from `membrane serve`'s URL: the policy folder is the workspace, the browser keeps none of it.
const served = servedMode()
const storage = served?.storage ?? browserStorage()
const guard = loadGuard(browserMarkBackend())
const root = createRoot(document.getElementById('root')!)

// Before the first paint, so a dark system never flashes the light page.
document.documentElement.dataset.theme = useTheme.getState().resolved

/** The normal start: the stores (which parse the saved text), then the app. */
function start(): void {
  // Set before the saved text is parsed; cleared once the first screen is painted (see load-guard.ts).
  guard.begin()
  // The one set of stores the app uses: autosave in localStorage, the evaluator in a Web Worker,
  // the loaded capture in IndexedDB.
  const flowPersistence = served ? null : browserFlowPersistence()
  const stores = createAppStores({
    flowPersistence,
    demoFlows: () => import('../../public/samples/demo-flows.jsonl?raw').then((m) => m.default),
    demoText,
    storage,
    evaluator: createEvaluator(() => new Worker(new URL('../worker/evaluator.worker.ts', import.meta.url), { type: 'module' })),
  })
  installStores(stores)
  installMembraneApi(stores)
  if (served) served.start(stores)
  else void restoreFlows(stores.flows, flowPersistence)
  // Another tab's writes: follow them, or keep both when both tabs have edits (tab-sync.ts).
  if (!served) followOtherTabs({ target: window, workspace: stores.workspace, storage, backend: browserMarkBackend(),
    onConflict: (v) => useOtherTab.getState().set(v) })
  // Save on the way out too, so a reload right after typing loses nothing.
  const saveNow = (): void => stores.workspace.getState().saveNow()
  window.addEventListener('pagehide', () => {
    saveNow()
    // Leaving normally is not a crash, even if the first paint never came (a quick reload).
    guard.finished()
  })
  // The latest text not persisted (quota, storage refused): ask before the tab goes.
  window.addEventListener('beforeunload', (e) => {
    saveNow()
    if (storage.lastPersisted?.() !== stores.workspace.getState().text) e.preventDefault()
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveNow()
  })
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  requestAnimationFrame(() => requestAnimationFrame(() => guard.finished()))
}

const saved = guard.crashedLastTime ? storage.load() : null
if (saved) {
  root.render(
    <SafeMode
      text={saved.text}
      onRecover={start}
      onDiscard={() => {
        storage.clear?.()
        start()
      }}
    />,
  )
} else start()
