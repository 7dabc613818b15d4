/** Input and output of a layout run; plain data so it crosses the worker boundary. */

/**
 * Where a node goes: `group` a namespace box, `member` inside its group, `external` a peer
 * outside the cluster (world, CIDR, FQDN; left when it only sends, right otherwise), `cluster`
 * the band of cluster entities, host nodes and cluster-wide selectors.
 */
export type LayoutRole = 'group' | 'member' | 'external' | 'cluster'

export interface LayoutNodeInput {
  readonly id: string
  readonly parent?: string
  /** For a group: the narrowest box (title room); an empty or summary group keeps this size. */
  readonly width: number
  readonly height: number
  readonly isGroup: boolean
  /** Defaults from `parent`/`isGroup`: member, group, else cluster. */
  readonly role?: LayoutRole
}

export interface LayoutEdgeInput {
  readonly id: string
  readonly source: string
  readonly target: string
  /** Size of the edge's label (px); the layout leaves room for it and routes place it. */
  readonly labelWidth?: number
  readonly labelHeight?: number
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[]
  readonly edges: readonly LayoutEdgeInput[]
  /** The pane the picture is fitted into (px); the packing aims for its aspect ratio. */
  readonly viewport?: { readonly width: number; readonly height: number }
}

/** Positions relative to the parent group (React Flow's convention), with the drawn size. */
export interface Placement {
  readonly x: number
  readonly y: number
  readonly width?: number
  readonly height?: number
}

export type Layout = ReadonlyMap<string, Placement>

export interface Point {
  readonly x: number
  readonly y: number
}

/** An edge's path in absolute flow coordinates (orthogonal, port to port) and its label's centre. */
export interface EdgeRoute {
  readonly points: readonly Point[]
  readonly label?: Point
}

export type Routes = ReadonlyMap<string, EdgeRoute>
