/**
 * System namespaces: default deny there breaks DNS, metrics or ingress for the whole cluster, so
 * they are rolled out as a separate, last track (the seed's checklist). The same names as lint's
 * `system-namespace-lockdown`.
 */
const SYSTEM_NAMESPACE = /^(kube-system|kube-public|kube-node-lease|monitoring|.*ingress.*|cilium.*|cert-manager|istio-system|gatekeeper-system|.*-monitoring|prometheus)$/

export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACE.test(namespace)
}
