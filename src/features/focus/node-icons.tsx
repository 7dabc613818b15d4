/** Kind glyphs matching the cluster map's nodes, so a peer looks the same in both views. */
import type { GraphNodeKind } from '../../domain/graph/index.ts'
import { CidrIcon, GlobeIcon, ServiceIcon } from '../graph/nodes/icons.tsx'

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
