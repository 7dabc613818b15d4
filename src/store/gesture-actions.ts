/**
 * Graph gestures on the app's workspace, for the panes (the logic is `gesture-commit.ts`, an
 * action of every workspace store).
 */
import type { EditResult, Gesture, GestureOutcome } from '../domain/edits/index.ts'
import { appStores } from './app-stores.ts'

/** What a gesture would do, without doing it (for "are you sure?" prompts). */
export function previewGesture(gesture: Gesture): GestureOutcome {
  return appStores().workspace.getState().previewGesture(gesture)
}

/** Applies an already computed outcome; returns false (and says why) when there is nothing to apply. */
export function commitOutcome(outcome: GestureOutcome, reveal = true): outcome is EditResult {
  return appStores().workspace.getState().commitOutcome(outcome, reveal)
}

export function runGesture(gesture: Gesture): boolean {
  return appStores().workspace.getState().runGesture(gesture)
}
