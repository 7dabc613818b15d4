/** Named policy fixtures for the lint tests (positive and negative per code). */
const cnp = (name: string, ns: string, spec: string): string =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec.replace(/^\n/, '').replace(/\s+$/, '')}\n`

export const FQDN_NO_DNS = cnp('stripe', 'payments', `
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`)

export const FQDN_WITH_DNS = cnp('stripe', 'payments', `
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: UDP
          rules:
            dns:
              - matchPattern: "*"
    - toFQDNs:
        - matchName: api.stripe.com
        - matchPattern: "*.tosspayments.com"
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`)

export const FQDN_DNS_REFUSES = cnp('stripe', 'payments', `
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: UDP
          rules:
            dns:
              - matchPattern: "*.internal.example.com"
    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`)

/** DNS in a separate namespace-wide policy covers the gateway pods too. */
export const FQDN_DNS_ELSEWHERE = FQDN_NO_DNS + '---\n' + cnp('dns', 'payments', `
  endpointSelector: {}
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: ANY
          rules:
            dns:
              - matchPattern: "*"
`)

export const DENY_ONLY = cnp('deny-metadata-endpoint', 'shop', `
  endpointSelector: {}
  egressDeny:
    - toCIDR:
        - 169.254.169.254/32
`)

export const DENY_ONLY_DEFAULT_ALLOW = cnp('deny-metadata-endpoint', 'shop', `
  endpointSelector: {}
  enableDefaultDeny:
    egress: false
  egressDeny:
    - toCIDR:
        - 169.254.169.254/32
`)

export const DENY_WITH_ALLOW = cnp('egress', 'shop', `
  endpointSelector: {}
  egress:
    - toEntities:
        - world
  egressDeny:
    - toCIDR:
        - 169.254.169.254/32
`)

export const BACKEND_FROM_FRONTEND_TYPO = cnp('allow-frontend', 'shop', `
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: fronted
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
`)

export const BACKEND_FROM_FRONTEND = BACKEND_FROM_FRONTEND_TYPO.replace('app: fronted', 'app: frontend')

export const POD_TEMPLATE_HASH = cnp('by-hash', 'shop', `
  endpointSelector:
    matchLabels:
      app: backend
      pod-template-hash: 7d4b9c
  ingress:
    - fromEndpoints:
        - matchLabels:
            kubernetes.io/hostname: node-1
`)

export const APP_KUBERNETES_IO = cnp('by-name', 'shop', `
  endpointSelector:
    matchLabels:
      app.kubernetes.io/name: backend
  ingress:
    - fromEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: monitoring
            app: prometheus
`)

export const EMPTY_FROM = cnp('empty', 'shop', `
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    - fromEndpoints: []
      toPorts:
        - ports:
            - port: "80"
              protocol: TCP
`)

export const NS_ISOLATION = cnp('ns-isolation', 'payments', `
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - {}
`)

export const DENY_ALL_CNP = cnp('deny-all', 'shop', `
  endpointSelector: {}
  ingress:
    - {}
`)

export const ALLOW_ALL_KNP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - {}
`

export const KNP_DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`

export const PORTS_ONLY = cnp('web', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingress:
    - toPorts:
        - ports:
            - port: "80"
              protocol: TCP
`)

export const DENY_HOST = cnp('no-host', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingressDeny:
    - fromEntities:
        - host
`)

export const HOST_EGRESS_LOCKED = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: host-egress
spec:
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/worker: ""
  egress:
    - toEntities:
        - kube-apiserver
`

export const HOST_FW_SEED = `apiVersion: cilium.io/v2
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
    - fromCIDR:
        - 10.50.0.0/24
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
            - port: "6443"
              protocol: TCP
`

export const KUBE_SYSTEM_LOCKDOWN = cnp('lockdown', 'kube-system', `
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - {}
`)

export const CLUSTER_WIDE_LOCKDOWN = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: everything
spec:
  endpointSelector: {}
  egress:
    - toEntities:
        - cluster
`

export const L7_NAMESPACE_WIDE = cnp('l7-everywhere', 'shop', `
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
          rules:
            http:
              - method: GET
`)

export const L7_NARROW = cnp('api-l7-allow', 'shop', `
  endpointSelector:
    matchLabels:
      app: order-api
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
          rules:
            http:
              - method: GET
                path: /api/v1/orders.*
`)

export const MIXED_PEERS = cnp('mixed', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      fromCIDR:
        - 10.0.0.0/8
`)

export const HTTP_ON_UDP = cnp('udp-http', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: UDP
          rules:
            http:
              - method: GET
`)

export const DNS_NO_PORT = cnp('dns-no-port', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - rules:
            dns:
              - matchPattern: "*"
`)

export const ENDPORT_NAMED = cnp('named-range', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: http
              endPort: 8090
              protocol: TCP
`)

export const ENDPORT_NUMERIC = ENDPORT_NAMED.replace('port: http', 'port: "8080"')

export const DENY_L7 = cnp('deny-l7', 'shop', `
  endpointSelector:
    matchLabels:
      app: web
  ingressDeny:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
          rules:
            http:
              - method: DELETE
`)

export const SUBJECT_OTHER_NS = cnp('other-ns', 'shop', `
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: payments
      app: web
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
`)

export const KNP_BACKEND = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: knp-backend
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: backend
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
`
