/// <reference lib="webworker" />
import { elkLayout } from './elk-layout.ts'
import type { LayoutInput } from './layout-types.ts'

self.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data
  try {
    const layout = await elkLayout(input)
    self.postMessage({ id, placements: [...layout.entries()] })
  } catch (err) {
    self.postMessage({ id, error: String(err) })
  }
}
