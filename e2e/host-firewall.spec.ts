import { expect, test } from '@playwright/test'
import { connectNodes, emptyWorkspace, graph, text } from './helpers.ts'

const SEED_HOST_FIREWALL = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: host-fw-control-plane
spec:
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/control-plane: ""
  ingress:
    - fromEntities:
        - cluster
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
            - port: "6443"
              protocol: TCP
    - fromCIDR:
        - 10.50.0.0/24
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
            - port: "6443"
              protocol: TCP
`

test('draw the seed host firewall: cluster and the management CIDR to the control-plane nodes on 22 and 6443', async ({ page }) => {
  await emptyWorkspace(page)
  const palette = async (kind: string, fill: (p: typeof page) => Promise<unknown>): Promise<void> => {
    await page.getByTestId(`palette-add-${kind}`).click()
    await fill(page)
    await page.getByTestId('palette-add').click()
  }
  await palette('node', (p) => p.getByTestId('palette-labels').fill('node-role.kubernetes.io/control-plane='))
  await palette('entity', (p) => p.getByTestId('palette-name').selectOption('cluster'))
  await palette('cidr', (p) => p.getByTestId('palette-name').fill('10.50.0.0/24'))

  const node = 'node/node-role.kubernetes.io/control-plane='
  const dialog = page.getByTestId('connect-dialog')
  for (const from of ['entity/cluster', 'cidr/10.50.0.0/24']) {
    await connectNodes(page, from, node)
    await expect(dialog.getByTestId('connect-placement')).toHaveValue('ingress')
    await dialog.getByTestId('connect-ports').fill('TCP/22, TCP/6443')
    await dialog.getByTestId('connect-apply').click()
    await expect(dialog).toBeHidden()
  }
  expect(await text(page)).toBe(SEED_HOST_FIREWALL)
  const g = await graph(page)
  expect(g.edges.map((e) => `${e.source} → ${e.target} ${e.label}`).sort()).toEqual([
    `cidr/10.50.0.0/24 → ${node} TCP/22, TCP/6443`,
    `entity/cluster → ${node} TCP/22, TCP/6443`,
  ])
})
