/**
 * Graph node ids (DESIGN.md "Stable handles") a faithful graph must show for each example in
 * `catalog.ts`, with no flows or inventory loaded. Only ids the scheme fixes are listed: selectors
 * that cannot be drawn as one workload (`sel/…`, e.g. the namespaceSelector peer in knp-basic) and
 * the subject of `endpointSelector: {}` (drawn as the namespace box itself) are left out.
 */
export const EXPECTED_NODE_IDS: Readonly<Record<string, readonly string[]>> = {
  demo: [
    'ns/shop',
    'ns/payments',
    'ns/monitoring',
    'ns/kube-system',
    'wl/shop/app=frontend',
    'wl/shop/app=backend',
    'wl/shop/app=db',
    'wl/payments/app=pg-gateway',
    'wl/monitoring/app=prometheus',
    'wl/kube-system/k8s-app=kube-dns',
    'entity/world',
    'cidr/169.254.169.254/32',
    'fqdn/api.stripe.com',
  ],
  'namespace-isolation': ['ns/payments'],
  'frontend-to-backend': ['ns/shop', 'wl/shop/app=backend', 'wl/shop/app=frontend'],
  'cross-namespace-prometheus': [
    'ns/shop',
    'ns/monitoring',
    'wl/shop/app=backend',
    'wl/monitoring/app=prometheus',
  ],
  'deny-metadata': ['ns/shop', 'cidr/169.254.169.254/32'],
  'l7-http': ['ns/shop', 'wl/shop/app=order-api', 'wl/shop/app=frontend'],
  'kafka-topics': [
    'ns/streaming',
    'wl/streaming/app=kafka',
    'wl/streaming/app=order-service',
    'wl/streaming/app=settlement-service',
  ],
  'grpc-methods': ['ns/shop', 'wl/shop/app=inventory-grpc', 'wl/shop/app=order-api'],
  'fqdn-egress': [
    'ns/payments',
    'ns/kube-system',
    'wl/payments/app=pg-gateway',
    'wl/kube-system/k8s-app=kube-dns',
    'fqdn/api.stripe.com',
    'fqdn/*.tosspayments.com',
  ],
  'default-deny': ['ns/payments'],
  'cluster-only-egress': ['ns/internal-tools', 'entity/cluster', 'entity/kube-apiserver'],
  'host-firewall': ['node/node-role.kubernetes.io/control-plane=', 'entity/cluster', 'cidr/10.50.0.0/24'],
  'pci-cde-lockdown': [
    'ns/cde-payments',
    'ns/gateway',
    'ns/kube-system',
    'ns/cde-db',
    'wl/gateway/app=api-gateway',
    'wl/kube-system/k8s-app=kube-dns',
    'wl/cde-db/app=ledger-db',
    'fqdn/api.pgprovider.com',
  ],
  'knp-basic': ['ns/shop', 'wl/shop/app=db', 'wl/shop/app=backend'],
}
