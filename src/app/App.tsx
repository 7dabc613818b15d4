import { lazy, Suspense, useEffect } from 'react'
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels'
import type { PanelImperativeHandle, PanelSize } from 'react-resizable-panels'
import { GraphPane } from '../features/graph/GraphPane.tsx'
import { Toolbar } from '../features/workspace/Toolbar.tsx'
import { BottomPanel } from './BottomPanel.tsx'
import { StatusBar } from './StatusBar.tsx'
import { OtherTabBanner } from './OtherTabBanner.tsx'
import { Inspector } from '../features/inspector/Inspector.tsx'
import { FocusView } from '../features/focus/FocusView.tsx'
import { ConnectDialog } from '../features/edit/ConnectDialog.tsx'
import { AddPeerDialog } from '../features/edit/AddPeerDialog.tsx'
import { ContextMenu } from '../features/edit/ContextMenu.tsx'
import { Palette } from '../features/edit/Palette.tsx'
import { KeyboardHelp } from '../features/help/KeyboardHelp.tsx'
import { SettingsPanel } from '../features/settings/SettingsPanel.tsx'
import { EmptyWorkspace } from '../features/workspace/EmptyWorkspace.tsx'
import { useEditUi } from '../store/edit-ui.ts'
import { useLayoutUi } from '../store/layout-ui.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import { useThemeAttribute } from './useThemeAttribute.ts'
import { FlowsToolbar } from '../features/flows/FlowsToolbar.tsx'
import { FlowDetail } from '../features/flows/FlowDetail.tsx'
import { useFlowDrop } from '../features/flows/useFlowDrop.ts'
import { ServeBar } from '../features/serve/ServeBar.tsx'
import { GenerateDialog } from '../features/generate/GenerateDialog.tsx'
import { FileMenu } from '../features/files/FileMenu.tsx'
import { FileDialogs } from '../features/files/FileDialogs.tsx'
import { routeDrop } from '../features/files/open-picked.ts'

// Monaco is ~4 MB: the graph paints first, the editor arrives when its chunk has loaded.
const YamlPane = lazy(() => import('../features/yaml/YamlPane.tsx'))

/** Keeps a collapsible panel in step with its flag in the layout store (buttons and drags agree). */
function useCollapse(ref: React.RefObject<PanelImperativeHandle | null>, collapsed: boolean): void {
  useEffect(() => {
    const panel = ref.current
    if (!panel || panel.isCollapsed() === collapsed) return
    if (collapsed) panel.collapse()
    else panel.expand()
  }, [ref, collapsed])
}

const followDrag = (set: (collapsed: boolean) => void, floor: number) => (size: PanelSize): void => set(size.inPixels <= floor)

export function App(): React.JSX.Element {
  useThemeAttribute()
  const view = useWorkspace((s) => s.view)
  const connect = useEditUi((s) => s.connect)
  const addPeer = useEditUi((s) => s.addPeer)
  const { editorCollapsed, bottomCollapsed, settingsOpen, setEditorCollapsed, setBottomCollapsed } = useLayoutUi()
  const editorRef = usePanelRef()
  const bottomRef = usePanelRef()
  useCollapse(editorRef, editorCollapsed)
  useCollapse(bottomRef, bottomCollapsed)
  const dropping = useFlowDrop(routeDrop)
  return (
    <div className="app">
      <Toolbar flows={<FlowsToolbar />} file={(ctx) => <FileMenu ctx={ctx} />} />
      <OtherTabBanner />
      <ServeBar />
      <Group orientation="horizontal" className="app__main" id="membrane-main">
        <Panel id="editor-pane" panelRef={editorRef} defaultSize="36%" minSize="280px" collapsible collapsedSize="0px" onResize={followDrag(setEditorCollapsed, 1)}>
          <section className="app__left" aria-label="YAML editor and problems">
            <Group orientation="vertical" id="membrane-left">
              <Panel id="yaml-pane" minSize="80px">
                <Suspense fallback={<div className="yaml-editor yaml-editor--loading" data-testid="yaml-loading">Loading editor…</div>}>
                  <YamlPane />
                </Suspense>
              </Panel>
              <Separator className="separator separator--row" data-testid="separator-bottom" />
              {/* Collapsed it keeps its tab bar (29 px), so a tab click opens it again. */}
              <Panel id="bottom-pane" panelRef={bottomRef} defaultSize="34%" minSize="120px" collapsible collapsedSize="29px" onResize={followDrag(setBottomCollapsed, 30)}>
                <BottomPanel />
              </Panel>
            </Group>
          </section>
        </Panel>
        <Separator className="separator separator--column" data-testid="separator-editor" />
        <Panel id="graph-pane" minSize="480px">
          <section className="app__right">
            <div className="app__view">
              {view === 'cluster' ? (
                <GraphPane tools={(ctx) => <Palette ctx={ctx} />} menu={(props) => <ContextMenu {...props} />} />
              ) : (
                <FocusView onAddPeer={(side, group, policyKey, subjectId) => useEditUi.getState().openAddPeer({ side, group, policyKey, subjectId })} />
              )}
              <EmptyWorkspace />
              <FlowDetail />
              <StatusBar />
            </div>
            {/* One side panel at a time, so the graph keeps its width at 1280 px. */}
            {settingsOpen ? <SettingsPanel /> : <Inspector />}
          </section>
        </Panel>
      </Group>
      {addPeer && <AddPeerDialog request={addPeer} />}
      {connect && <ConnectDialog request={connect} onClose={() => useEditUi.getState().openConnect(null)} />}
      <KeyboardHelp />
      <GenerateDialog />
      <FileDialogs />
      {dropping && <div className="flows-dropping">Drop policy files or folders to open them, Hubble flow files to load them</div>}
    </div>
  )
}
