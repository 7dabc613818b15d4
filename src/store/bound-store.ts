/**
 * A zustand-style bound hook over a store chosen when it is used, not when the module loads:
 * `useX(selector)` in components, `useX.getState()` / `useX.subscribe()` in handlers, exactly like
 * a hook made by zustand's `create`, but over whichever store set the app installed.
 */
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'

export interface BoundStore<S> {
  (): S
  <U>(selector: (state: S) => U): U
  getState(): S
  subscribe: StoreApi<S>['subscribe']
}

export function bindStore<S>(api: () => StoreApi<S>): BoundStore<S> {
  const whole = (state: S): S => state
  function useBound<U>(selector?: (state: S) => U): U | S {
    return useStore<StoreApi<S>, U | S>(api(), selector ?? whole)
  }
  return Object.assign(useBound as BoundStore<S>, {
    getState: (): S => api().getState(),
    subscribe: ((listener) => api().subscribe(listener)) as StoreApi<S>['subscribe'],
  })
}
