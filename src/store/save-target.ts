/**
 * Where "Save" (Ctrl+S) sends the workspace. Without a target the page downloads the workspace; under
 * `membrane serve` the served page registers a target that writes the changed files back to the folder.
 * One slot, so the save action never needs to know which mode the page runs in.
 */
export interface SaveOutcome {
  /** What the user reads after saving ("Saved 2 files", "Nothing to save"). */
  readonly message: string
  readonly ok: boolean
}

export interface SaveTarget {
  /** Shown on the Save button's tooltip ("Save to policies/"). */
  readonly label: string
  save(text: string): Promise<SaveOutcome>
}

let current: SaveTarget | null = null

export function setSaveTarget(target: SaveTarget | null): void {
  current = target
}

export function getSaveTarget(): SaveTarget | null {
  return current
}
