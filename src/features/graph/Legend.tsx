import { Panel } from '@xyflow/react'
import { useState } from 'react'
import { CidrIcon, GlobeIcon, ShieldIcon } from '../../ui/icons.tsx'
import { HostFirewallSwitch } from './HostFirewallSwitch.tsx'

/** What the shapes and colours mean (DESIGN.md "Graph visual language"). */
export function Legend(): React.JSX.Element {
  // Closed at first: the graph needs the room more than a returning user needs the key.
  const [open, setOpen] = useState(false)
  return (
    <Panel position="top-right" className="legend" data-testid="legend">
      <HostFirewallSwitch />
      <button type="button" className="legend__toggle" onClick={() => setOpen(!open)} title="Show or hide the legend">
        Legend {open ? '▾' : '▸'}
      </button>
      {open && (
        <ul>
          <li><span className="swatch swatch--allow" /> allow rule (traffic direction)</li>
          <li><span className="swatch swatch--deny" /> deny rule</li>
          <li><span className="edge-verdict edge-verdict--blocked">⚠ blocked</span> rule whose traffic is dropped elsewhere</li>
          <li><span className="edge-verdict edge-verdict--denied">⛔ denied</span> allow overridden by a deny rule</li>
          <li><span className="edge-verdict edge-verdict--audit">audit</span> would be dropped; audit mode lets it through</li>
          <li><span className="legend__icon">▦</span> namespace (double-click to fold it into a summary box, or to open one)</li>
          <li><span className="legend__icon">◼</span> workload</li>
          <li><span className="legend__icon">◌</span> selector</li>
          <li><span className="legend__icon">◆</span> entity</li>
          <li><span className="legend__icon"><CidrIcon /></span> CIDR · <span className="legend__icon"><GlobeIcon /></span> FQDN</li>
          <li><span className="legend__icon">▣</span> host node</li>
          <li><span className="shield"><ShieldIcon /></span> default deny in force</li>
        </ul>
      )}
    </Panel>
  )
}
