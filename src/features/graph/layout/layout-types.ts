/** Input and output of a layout run; plain data so it crosses the worker boundary. */
export interface LayoutNodeInput {
  readonly id: string
  readonly parent?: string
  readonly width: number
  readonly height: number
  readonly isGroup: boolean
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[]
  /** `labelWidth`: room the edge's label needs between the layers (px). */
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly labelWidth?: number }[]
}

/** Positions relative to the parent group (React Flow's convention); groups also get a size. */
export interface Placement {
  readonly x: number
  readonly y: number
  readonly width?: number
  readonly height?: number
}

export type Layout = ReadonlyMap<string, Placement>
