/** Which dialog is open (connect, add peer, keyboard help); any pane can open one, the app shell shows it. */
import { create } from 'zustand'
import type { Placement } from '../domain/edits/index.ts'
import type { NodeId, PolicyKey } from '../domain/graph/index.ts'

export interface ConnectRequest {
  readonly from: NodeId
  readonly to: NodeId
  readonly placement?: Placement
  readonly policyKey?: PolicyKey
}

/** Ids as the focus view holds them (plain strings); the dialog checks them. */
export interface AddPeerRequest {
  readonly side: 'ingress' | 'egress'
  readonly group: 'same-namespace' | 'cluster' | 'outside'
  readonly policyKey: string
  readonly subjectId: string
}

interface EditUi {
  connect: ConnectRequest | null
  addPeer: AddPeerRequest | null
  help: boolean
  openConnect(r: ConnectRequest | null): void
  openAddPeer(r: AddPeerRequest | null): void
  showHelp(open: boolean): void
}

export const useEditUi = create<EditUi>()((set) => ({
  connect: null,
  addPeer: null,
  help: false,
  openConnect: (connect) => set({ connect, addPeer: null }),
  openAddPeer: (addPeer) => set({ addPeer }),
  showHelp: (help) => set({ help }),
}))
