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
import { loadPersistedWorkspace } from '../store/persistence-idb.ts'
import type { PersistedWorkspace } from '../store/persistence-idb.ts'
import { connectPersistence } from '../store/persistence-wiring.ts'
import { useTheme } from '../store/theme.ts'
import { createEvaluator } from '../worker/evaluator-client.ts'
import { browserFlowPersistence } from '../store/flows-persistence.ts'
import { INVENTORY_STORE_CAP_BYTES, restoreInventory } from '../store/create-inventory-store.ts'
import { restoreFlows } from '../store/create-flows-store.ts'
import { servedMode } from '../store/serve-session.ts'

// Opened from `membrane serve`'s URL: the policy folder is the workspace, the browser keeps none of it.
const served = servedMode()
const guard = loadGuard(browserMarkBackend())
const root = createRoot(document.getElementById('root')!)

// Before the first paint, so a dark system never flashes the light page.
document.documentElement.dataset.theme = useTheme.getState().resolved

/** Once the screen that follows has been painted (or a moment later in a hidden tab, where frames stop). */
function afterPaint(done: () => void): void {
  let called = false
  const once = (): void => {
    if (!called) done()
    called = true
  }
  requestAnimationFrame(() => requestAnimationFrame(once))
  setTimeout(once, 2000)
}

/** The normal start: the stores (which parse the saved text), then the app. `persisted` is null when served. */
function start(persisted: PersistedWorkspace | null): void {
  // Set before the saved text is parsed; cleared once the first screen is painted (see load-guard.ts).
  guard.begin()
  // The one set of stores the app uses: the workspace and the loaded capture in IndexedDB (none of it
  // when served), the evaluator in a Web Worker.
  const flowPersistence = persisted ? browserFlowPersistence() : null
  const inventoryPersistence = persisted ? browserFlowPersistence(INVENTORY_STORE_CAP_BYTES, 'inventory', 'inventory') : null
  const stores = createAppStores({
    flowPersistence,
    inventoryPersistence,
    demoFlows: () => import('../../public/samples/demo-flows.jsonl?raw').then((m) => m.default),
    demoInventory: () => import('../../public/samples/demo-cluster.json?raw').then((m) => m.default),
    demoText,
    storage: persisted?.storage ?? served!.storage,
    // A committed text's parse and graph run under the mark too: a paste that kills the tab reopens in safe mode.
    guardHeavy: (work) => guard.run(work, afterPaint),
    evaluator: createEvaluator(() => new Worker(new URL('../worker/evaluator.worker.ts', import.meta.url), { type: 'module' })),
  })
  installStores(stores)
  installMembraneApi(stores)
  if (persisted) {
    void restoreFlows(stores.flows, flowPersistence)
    void restoreInventory(stores.inventory, inventoryPersistence)
    // Autosave outcomes, other tabs' saves, and saving on the way out (persistence-wiring.ts).
    connectPersistence(stores.workspace, persisted, window, document)
  } else {
    served?.start(stores)
  }
  // Leaving normally is not a crash, even if the first paint never came (a quick reload).
  window.addEventListener('pagehide', () => guard.left())
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  afterPaint(() => guard.finished())
}

// The saved workspace is read (IndexedDB is asynchronous) before any store exists; a served page
// starts from the folder, so there is nothing saved to recover.
if (served) start(null)
else void loadPersistedWorkspace().then((persisted) => {
  const saved = guard.crashedLastTime ? persisted.saved : null
  if (!saved) return start(persisted)
  root.render(
    <SafeMode
      text={saved.text}
      onRecover={() => start(persisted)}
      onDiscard={() => {
        persisted.storage.clear?.()
        start(persisted)
      }}
    />,
  )
})
