/**
 * What a rule edge's label says, line by line, and how big it is drawn. The layout reserves
 * exactly this box, so the text is never cut: long L7 rules wrap, and past a few rules the last
 * line says how many more there are (the label expands to show them on click).
 */
import type { GraphEdge } from '../../../domain/graph/index.ts'
import { monoWidth } from '../layout/text-width.ts'
import type { L7Group } from './l7-lines.ts'

export const LABEL_FONT_PX = 12
export const LABEL_LINE_PX = 15
/** Padding plus border around the text, per side. */
const PAD_X = 5
const PAD_Y = 3
export const LABEL_MAX_CHARS = 28
const MAX_L7_LINES = 6

export interface LabelLine {
  readonly text: string
  /** `badge`: TLS / listener / generic-L7 notes (GraphEdge.badges), never folded into `+N more`. */
  readonly kind: 'ports' | 'l7' | 'badge'
}

export interface EdgeLabelText {
  readonly deny: boolean
  readonly lines: readonly LabelLine[]
  /** L7 lines left out; the label shows `+N more` and expands on click. */
  readonly hidden: number
  readonly width: number
  readonly height: number
}

export function edgeLabelText(edge: Pick<GraphEdge, 'kind' | 'label' | 'l7' | 'badges'>, groups?: readonly L7Group[], expanded = false): EdgeLabelText {
  const deny = edge.kind === 'deny'
  const lines: LabelLine[] = wrap(`${deny ? 'deny ' : ''}${edge.label}`, LABEL_MAX_CHARS, 0).map((text) => ({ text, kind: 'ports' }))
  for (const b of edge.badges ?? []) for (const text of wrap(b.text, LABEL_MAX_CHARS, 2)) lines.push({ text, kind: 'badge' })
  const l7: string[] = []
  const source: readonly L7Group[] = groups && groups.length > 0 ? groups : edge.l7 ? [{ protocol: '', rules: [edge.l7] }] : []
  for (const g of source) {
    const indent = g.protocol ? Math.min(g.protocol.length + 1, Math.floor(LABEL_MAX_CHARS / 2)) : 0
    g.rules.forEach((rule, i) => {
      const head = g.protocol ? (i === 0 ? `${g.protocol} ` : ' '.repeat(indent)) : ''
      wrap(`${head}${rule}`, LABEL_MAX_CHARS, indent).forEach((t) => l7.push(t))
    })
  }
  let hidden = 0
  if (!expanded && l7.length > MAX_L7_LINES) {
    hidden = l7.length - (MAX_L7_LINES - 1)
    l7.length = MAX_L7_LINES - 1
  }
  for (const text of l7) lines.push({ text, kind: 'l7' })
  const rows = lines.length + (hidden > 0 ? 1 : 0)
  const chars = Math.max(...lines.map((l) => l.text.length), hidden > 0 ? moreText(hidden).length : 0)
  return {
    deny,
    lines,
    hidden,
    width: Math.ceil(monoWidth(chars, LABEL_FONT_PX)) + 2 * PAD_X,
    height: rows * LABEL_LINE_PX + 2 * PAD_Y,
  }
}

export function moreText(hidden: number): string {
  return `+${hidden} more…`
}

/**
 * Greedy wrap at spaces, slashes, dots, commas and `=`; a token longer than a line is split hard.
 * Continuation lines are indented by `indent` spaces so a rule's lines read as one block.
 */
export function wrap(text: string, max: number, requestedIndent: number): string[] {
  // An indent as wide as the line (a long generic L7 parser name as the group head) would leave
  // no room and never end: continuation lines indent by at most half a line.
  const indent = Math.min(requestedIndent, Math.floor(max / 2))
  const tokens = text.match(/[^ /.,=]*[ /.,=]+|[^ /.,=]+$/g) ?? [text]
  const out: string[] = []
  let line = ''
  const room = (): number => max - (out.length > 0 ? indent : 0)
  const push = (): void => {
    out.push((out.length > 0 ? ' '.repeat(indent) : '') + line.trimEnd())
    line = ''
  }
  for (let tok of tokens) {
    while (line.length + tok.trimEnd().length > room()) {
      if (line.trim().length > 0) {
        push()
        tok = tok.replace(/^ +/, '')
        continue
      }
      // A single token wider than a line: cut it.
      line = tok.slice(0, room())
      tok = tok.slice(room())
      push()
    }
    line += tok
  }
  if (line.trim().length > 0 || out.length === 0) push()
  return out
}
