/**
 * The example workspaces shipped under `public/samples/`: the embedded demo first, then one small
 * workspace per scenario of the seed article (plus a Kubernetes NetworkPolicy one).
 * `file` is relative to `public/samples/` (served at `<base>/samples/<file>`).
 */
export interface Example {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly file: string
}

/** Hubble flows recorded on the demo cluster; load them together with the `demo` example. */
export const DEMO_FLOWS_FILE = 'demo-flows.jsonl'

export const EXAMPLES: readonly Example[] = [
  {
    id: 'demo',
    title: 'Demo cluster: shop, payments, monitoring',
    description:
      'Eight policies for a small shop: namespace default deny, frontend→backend, backend→db (Kubernetes NetworkPolicy), an L7 HTTP payment API, DNS + toFQDNs egress, a metadata-endpoint deny, cross-namespace Prometheus scrapes and a cluster-wide DNS allow. Pairs with recorded Hubble flows.',
    file: 'demo.yaml',
  },
  {
    id: 'namespace-isolation',
    title: 'Namespace isolation',
    description: 'Pods in payments accept traffic only from pods of the same namespace.',
    file: 'examples/namespace-isolation.yaml',
  },
  {
    id: 'frontend-to-backend',
    title: 'Frontend → backend on TCP/8080',
    description: 'In shop, backend pods accept TCP/8080 only from frontend pods.',
    file: 'examples/frontend-to-backend.yaml',
  },
  {
    id: 'cross-namespace-prometheus',
    title: 'Cross-namespace: Prometheus scrapes',
    description: 'Shop backends accept TCP/9090 from Prometheus in the monitoring namespace.',
    file: 'examples/cross-namespace-prometheus.yaml',
  },
  {
    id: 'deny-metadata',
    title: 'Explicit deny: cloud metadata endpoint',
    description:
      'egressDeny to 169.254.169.254/32 for every shop pod, with egress default deny switched off so other traffic keeps flowing.',
    file: 'examples/deny-metadata.yaml',
  },
  {
    id: 'l7-http',
    title: 'L7 HTTP: methods and paths',
    description:
      'Frontend may call only GET /api/v1/orders.*, POST /api/v1/orders and GET /healthz on order-api.',
    file: 'examples/l7-http.yaml',
  },
  {
    id: 'kafka-topics',
    title: 'Kafka: produce and consume by topic',
    description: 'order-service may only produce to orders; settlement-service may only consume from it.',
    file: 'examples/kafka-topics.yaml',
  },
  {
    id: 'grpc-methods',
    title: 'gRPC: allowed methods',
    description: 'order-api may call only CheckStock and ReserveStock on the inventory gRPC service.',
    file: 'examples/grpc-methods.yaml',
  },
  {
    id: 'fqdn-egress',
    title: 'DNS-based egress (toFQDNs)',
    description:
      'The payment gateway may reach api.stripe.com and *.tosspayments.com on 443, with the DNS proxy rule that makes toFQDNs work.',
    file: 'examples/fqdn-egress.yaml',
  },
  {
    id: 'default-deny',
    title: 'Explicit default deny',
    description: 'Every pod in payments is denied all ingress and egress until other policies allow it.',
    file: 'examples/default-deny.yaml',
  },
  {
    id: 'cluster-only-egress',
    title: 'Cluster-only egress (entities)',
    description: 'internal-tools pods may reach the cluster and the API server, never the internet.',
    file: 'examples/cluster-only-egress.yaml',
  },
  {
    id: 'host-firewall',
    title: 'Host firewall for control-plane nodes',
    description:
      'A clusterwide host policy: control-plane nodes accept SSH and 6443 only from the cluster and the management network.',
    file: 'examples/host-firewall.yaml',
  },
  {
    id: 'pci-cde-lockdown',
    title: 'PCI-style cardholder data lockdown',
    description:
      'cde-payments accepts only gateway payment calls (L7) and may reach only DNS, its ledger DB and one payment provider.',
    file: 'examples/pci-cde-lockdown.yaml',
  },
  {
    id: 'knp-basic',
    title: 'Kubernetes NetworkPolicy',
    description:
      'A plain NetworkPolicy: the shop db accepts 5432 from backend pods and from backup namespaces.',
    file: 'examples/knp-basic.yaml',
  },
]
