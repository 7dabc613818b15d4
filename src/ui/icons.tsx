/**
 * Small inline SVG icons: glyphs like ⛨ or 🌐 are missing from common Linux fonts, and the app
 * ships no icon font (nothing may be fetched).
 */
import type { GraphNodeKind } from '../domain/graph/index.ts'

const common = { width: 13, height: 13, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const

export function ShieldIcon(): React.JSX.Element {
  return (
    <svg {...common} className="icon icon--shield">
      <path d="M8 1 2.5 3v4.2c0 3.4 2.3 6.3 5.5 7.8 3.2-1.5 5.5-4.4 5.5-7.8V3z" fill="currentColor" />
    </svg>
  )
}

export function GlobeIcon(): React.JSX.Element {
  return (
    <svg {...common} className="icon">
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <ellipse cx="8" cy="8" rx="2.6" ry="6.2" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <path d="M2 8h12" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  )
}

export function CidrIcon(): React.JSX.Element {
  return (
    <svg {...common} className="icon">
      <path d="M5.5 2 4 14M12 2l-1.5 12M2 5.5h12M2 10.5h12" stroke="currentColor" strokeWidth="1.4" fill="none" />
    </svg>
  )
}

export function ServiceIcon(): React.JSX.Element {
  return (
    <svg {...common} className="icon">
      <path d="M2 5h10l-2.5-2.5M14 11H4l2.5 2.5" stroke="currentColor" strokeWidth="1.4" fill="none" />
    </svg>
  )
}

/** The glyph of each node kind, shared by the cluster map and the focus view. */
export const NODE_ICONS: Record<GraphNodeKind, React.ReactNode> = {
  namespace: '▦',
  workload: '◼',
  selector: '◌',
  entity: '◆',
  cidr: <CidrIcon />,
  fqdn: <GlobeIcon />,
  node: '▣',
  service: <ServiceIcon />,
}
