import { lazy, Suspense } from 'react'
import { GraphPane } from '../features/graph/GraphPane.tsx'
import { Toolbar } from '../features/workspace/Toolbar.tsx'
import { BottomPanel } from './BottomPanel.tsx'
import { StatusBar } from './StatusBar.tsx'
import { Inspector } from '../features/inspector/Inspector.tsx'
import { FocusView } from '../features/focus/FocusView.tsx'
import { ConnectDialog } from '../features/edit/ConnectDialog.tsx'
import { AddPeerDialog } from '../features/edit/AddPeerDialog.tsx'
import { ContextMenu } from '../features/edit/ContextMenu.tsx'
import { Palette } from '../features/edit/Palette.tsx'
import { KeyboardHelp } from '../features/help/KeyboardHelp.tsx'
import { useEditUi } from '../store/edit-ui.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import { FlowsToolbar } from '../features/flows/FlowsToolbar.tsx'
import { FlowDetail } from '../features/flows/FlowDetail.tsx'
import { useFlowDrop } from '../features/flows/useFlowDrop.ts'

// Monaco is ~4 MB: the graph paints first, the editor arrives when its chunk has loaded.
const YamlPane = lazy(() => import('../features/yaml/YamlPane.tsx'))

export function App(): React.JSX.Element {
  const view = useWorkspace((s) => s.view)
  const connect = useEditUi((s) => s.connect)
  const addPeer = useEditUi((s) => s.addPeer)
  const dropping = useFlowDrop()
  return (
    <div className="app">
      <Toolbar flows={<FlowsToolbar />} />
      <main className="app__main">
        <section className="app__left">
          <Suspense fallback={<div className="yaml-editor yaml-editor--loading" data-testid="yaml-loading">Loading editor…</div>}>
            <YamlPane />
          </Suspense>
          <BottomPanel />
        </section>
        <section className="app__right">
          <div className="app__view">
            {view === 'cluster' ? (
              <GraphPane tools={(ctx) => <Palette ctx={ctx} />} menu={(props) => <ContextMenu {...props} />} />
            ) : (
              <FocusView onAddPeer={(side, group, policyKey, subjectId) => useEditUi.getState().openAddPeer({ side, group, policyKey, subjectId })} />
            )}
            <FlowDetail />
            <StatusBar />
          </div>
          <Inspector />
        </section>
      </main>
      {addPeer && <AddPeerDialog request={addPeer} />}
      {connect && <ConnectDialog request={connect} onClose={() => useEditUi.getState().openConnect(null)} />}
      <KeyboardHelp />
      {dropping && <div className="flows-dropping">Drop Hubble flow files to load them</div>}
    </div>
  )
}
