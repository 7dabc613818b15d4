import { lazy, Suspense } from 'react'
import { GraphPane } from '../features/graph/GraphPane.tsx'
import { Toolbar } from '../features/workspace/Toolbar.tsx'
import { BottomPanel } from './BottomPanel.tsx'

// Monaco is ~4 MB: the graph paints first, the editor arrives when its chunk has loaded.
const YamlPane = lazy(() => import('../features/yaml/YamlPane.tsx'))

export function App(): React.JSX.Element {
  return (
    <div className="app">
      <Toolbar />
      <main className="app__main">
        <section className="app__left">
          <Suspense fallback={<div className="yaml-editor yaml-editor--loading" data-testid="yaml-loading">Loading editor…</div>}>
            <YamlPane />
          </Suspense>
          <BottomPanel />
        </section>
        <section className="app__right">
          <GraphPane />
        </section>
      </main>
    </div>
  )
}
