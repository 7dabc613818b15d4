/** Moving around: selection, the cluster map's view, the editor, the two views, the keyboard help. */
import { editorPort } from '../store/editor-port.ts'
import { useEditUi } from '../store/edit-ui.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import { useTheme } from '../store/theme.ts'
import { useLayoutUi } from '../store/layout-ui.ts'
import type { Action } from './types.ts'

export const clearSelection: Action = {
  id: 'clear-selection',
  label: 'Clear the selection',
  title: 'Deselect the node or rule (closes the inspector)',
  group: 'graph',
  shortcuts: [{ key: 'Escape' }],
  keepDefault: true,
  enabled: () => true,
  perform: () => useWorkspace.getState().select(null),
}

export const fitView: Action = {
  id: 'fit-view',
  label: 'Fit the view',
  title: 'Zoom and pan so the whole graph is in view',
  group: 'graph',
  shortcuts: [{ key: 'f' }],
  enabled: (ctx) => ctx.graph !== undefined,
  perform: (ctx) => ctx.graph?.fit(),
}

export const searchNodes: Action = {
  id: 'search-nodes',
  label: 'Search nodes',
  title: 'Find a node by label; Enter selects the first match',
  group: 'graph',
  shortcuts: [{ key: '/' }],
  enabled: (ctx) => ctx.graph !== undefined,
  perform: (ctx) => ctx.graph?.search(),
}

export const focusEditor: Action = {
  id: 'focus-editor',
  label: 'Go to the editor',
  title: 'Move the keyboard focus from the graph to the YAML editor',
  group: 'graph',
  shortcuts: [{ key: 'Tab', shift: false }],
  enabled: () => editorPort() !== null,
  perform: () => editorPort()?.focus(),
}

export const viewCluster: Action = {
  id: 'view-cluster',
  label: 'Cluster map',
  title: 'Everything: namespaces, workloads, peers and rules',
  group: 'view',
  pressed: () => useWorkspace.getState().view === 'cluster',
  enabled: () => true,
  perform: () => useWorkspace.getState().setView('cluster'),
}

export const viewFocus: Action = {
  id: 'view-focus',
  label: 'Policy focus',
  title: 'One policy: its subject, ingress peers left, egress peers right',
  group: 'view',
  pressed: () => useWorkspace.getState().view === 'focus',
  enabled: () => true,
  perform: () => useWorkspace.getState().setView('focus'),
}

export const keyboardHelp: Action = {
  id: 'keyboard-help',
  label: 'Keyboard shortcuts',
  title: 'List the keyboard shortcuts (?)',
  group: 'help',
  shortcuts: [{ key: '?' }],
  scope: 'app',
  enabled: () => true,
  perform: () => useEditUi.getState().showHelp(true),
}

export const toggleTheme: Action = {
  id: 'toggle-theme',
  label: () => (useTheme.getState().resolved === 'dark' ? 'Light theme' : 'Dark theme'),
  title: 'Switch between the light and the dark theme (saved; follows the system until you choose)',
  group: 'view',
  pressed: () => useTheme.getState().resolved === 'dark',
  enabled: () => true,
  perform: () => useTheme.getState().toggle(),
}

export const toggleEditor: Action = {
  id: 'toggle-editor',
  label: 'YAML',
  title: 'Show or hide the YAML editor beside the graph (drag the divider to resize)',
  group: 'view',
  pressed: () => !useLayoutUi.getState().editorCollapsed,
  enabled: () => true,
  perform: () => {
    const s = useLayoutUi.getState()
    s.setEditorCollapsed(!s.editorCollapsed)
  },
}

export const toggleBottomPanel: Action = {
  id: 'toggle-bottom-panel',
  label: () => (useLayoutUi.getState().bottomCollapsed ? 'Show the bottom panel' : 'Hide the bottom panel'),
  title: 'Show or hide the Problems/Trace panel under the editor (drag its edge to resize)',
  group: 'view',
  pressed: () => !useLayoutUi.getState().bottomCollapsed,
  enabled: () => true,
  perform: () => {
    const s = useLayoutUi.getState()
    s.setBottomCollapsed(!s.bottomCollapsed)
  },
}

export const openSettings: Action = {
  id: 'open-settings',
  label: 'Settings',
  title: 'Agent settings the evaluation follows (enforcement, audit, host firewall, FQDN TTLs, Cilium version); import a cilium-config or Helm values',
  group: 'view',
  pressed: () => useLayoutUi.getState().settingsOpen,
  enabled: () => true,
  perform: () => {
    const s = useLayoutUi.getState()
    s.openSettings(!s.settingsOpen)
  },
}
