import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './styles.css'
import { App } from './App.tsx'
import { createInitialState, saveNow, useWorkspace } from '../store/workspace-store.ts'
import { demoText } from '../store/samples.ts'
import { installMembraneApi } from './membrane-api.ts'
import { followWorkspace } from '../store/evaluation-store.ts'

useWorkspace.setState(createInitialState(demoText))
installMembraneApi()
followWorkspace()
// Save on the way out too, so a reload right after typing loses nothing.
window.addEventListener('pagehide', saveNow)
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveNow()
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
