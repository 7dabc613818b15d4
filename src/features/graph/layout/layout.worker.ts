/// <reference lib="webworker" />
import { computeLayout, computeRoutes } from './layout-engine.ts'
import type { LayoutReply, LayoutRequest } from './layout-client.ts'

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const req = event.data
  try {
    let reply: LayoutReply
    if (req.kind === 'layout') {
      const { layout, routes } = computeLayout(req.input)
      reply = { id: req.id, placements: [...layout.entries()], routes: [...routes.entries()] }
    } else {
      reply = { id: req.id, routes: [...computeRoutes(req.input, new Map(req.placements)).entries()] }
    }
    self.postMessage(reply)
  } catch (err) {
    self.postMessage({ id: req.id, error: String(err) } satisfies LayoutReply)
  }
}
