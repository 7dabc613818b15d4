/** The files feature's own UI state: the open waiting on "add or replace", the dialogs, the redaction switch (what happened goes to the status bar). */
import { create } from 'zustand'
import type { WorkspaceFile } from '../../domain/files/workspace-files.ts'

export interface FileUiState {
  /** Policy files read and waiting for the user to choose add or replace. */
  pending: readonly WorkspaceFile[] | null
  shareOpen: boolean
  /** `?policy-url=` waiting for the user's yes. */
  policyUrl: string | null
  /** Replace IPs and pod names in exports and share links. */
  redact: boolean
  set(patch: Partial<Omit<FileUiState, 'set'>>): void
}

export const useFileUi = create<FileUiState>((set) => ({
  pending: null,
  shareOpen: false,
  policyUrl: null,
  redact: false,
  set: (patch) => set(patch),
}))
