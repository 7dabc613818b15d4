/**
 * JSON Schema (draft-07) for CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, Kubernetes
 * NetworkPolicy and CiliumCIDRGroup, written for Membrane's editor (monaco-yaml validation,
 * completion and hover). Spec objects are closed (`additionalProperties: false`) so typos show;
 * metadata and status stay open. Descriptions summarise cilium-semantics.md in our own words.
 */
import { ENTITIES } from './peers.ts'

type Schema = Record<string, unknown>

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra })
const arr = (items: Schema, description: string, extra: Schema = {}): Schema => ({ type: 'array', items, description, ...extra })
const obj = (properties: Record<string, Schema>, description: string, extra: Schema = {}): Schema => ({
  type: 'object', description, properties, additionalProperties: false, ...extra,
})
const ref = (name: string, description?: string): Schema => ({ $ref: `#/definitions/${name}`, ...(description && { description }) })

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']

const definitions: Record<string, Schema> = {
  selector: obj(
    {
      matchLabels: {
        type: 'object', additionalProperties: { type: 'string' },
        description: 'Labels that must all be present with these values. A key without a source prefix matches any source; `k8s:app` matches only Kubernetes labels.',
      },
      matchExpressions: arr(ref('requirement'), 'Set-based requirements, ANDed with matchLabels.'),
    },
    'A label selector. `{}` selects everything in scope (in a CNP: the policy namespace).',
  ),
  requirement: obj(
    {
      key: str('Label key, optionally with a source prefix such as `k8s:`.'),
      operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'], description: 'In/NotIn need values; Exists/DoesNotExist take none.' },
      values: arr({ type: 'string' }, 'Values for In / NotIn.'),
    },
    'One selector requirement.',
    { required: ['key', 'operator'] },
  ),
  entity: { type: 'string', enum: [...ENTITIES], description: 'A reserved identity: world (outside the cluster), cluster (everything inside), host (this node), remote-node, kube-apiserver, health, init, ingress, unmanaged, all (everything), none.' },
  cidr: str('An IPv4/IPv6 CIDR or a single address (widened to /32 or /128).'),
  cidrRule: obj(
    {
      cidr: ref('cidr'),
      cidrGroupRef: str('Name of a CiliumCIDRGroup whose CIDRs are selected.'),
      cidrGroupSelector: ref('selector', 'Selects CiliumCIDRGroups by their labels.'),
      except: arr(ref('cidr'), 'CIDRs carved out of this rule only.'),
    },
    'A CIDR (or CIDR group) minus exceptions. Exactly one of cidr, cidrGroupRef, cidrGroupSelector.',
  ),
  fqdnSelector: obj(
    {
      matchName: str('Exact DNS name (case-insensitive).', { pattern: '^([-a-zA-Z0-9_]+[.]?)+$' }),
      matchPattern: str('DNS pattern: `*` matches within one label; a leading `**.` matches one or more labels.', { pattern: '^([-a-zA-Z0-9_*]+[.]?)+$' }),
    },
    'A DNS name or pattern. Exactly one of matchName, matchPattern.',
  ),
  service: obj(
    {
      k8sService: obj({ serviceName: str('Service name.'), namespace: str('Service namespace; empty matches any namespace.') }, 'A Service by name.'),
      k8sServiceSelector: obj({ selector: ref('selector'), namespace: str('Service namespace.') }, 'Services by label.', { required: ['selector'] }),
    },
    'A Kubernetes Service: its backend pods (or endpoint IPs when it has no selector).',
  ),
  groups: { type: 'object', description: 'Cloud provider groups (e.g. AWS security groups); not evaluated by Membrane.' },
  portProtocol: obj(
    {
      port: str('Port number as a string ("8080"), a named port ("http"), or "0" for every port.', { pattern: '^(\\d{1,5}|[a-zA-Z0-9](-?[a-zA-Z0-9])*)$' }),
      endPort: { type: 'integer', minimum: 0, maximum: 65535, description: 'Inclusive end of a port range; ignored for named ports.' },
      protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP', 'ANY'], description: 'Default ANY (TCP, UDP and SCTP, never ICMP — use icmps).' },
    },
    'A port and protocol.',
  ),
  httpRule: obj(
    {
      method: { description: 'HTTP method as an RE2 regex (full match), e.g. GET or GET|POST.', anyOf: [{ type: 'string', enum: HTTP_METHODS }, { type: 'string' }] },
      path: str('URL path as an RE2 regex matching the whole path, e.g. /api/v1/orders.* (gRPC: /package.Service/Method).'),
      host: str('Host (:authority) as an RE2 regex.'),
      headers: arr({ type: 'string' }, 'Headers that must be present: "Name" or "Name value" (exact value).'),
      headerMatches: arr(
        obj(
          {
            name: str('Header name.'),
            value: str('Exact value; absent means presence only.'),
            secret: { type: 'object', description: 'Kubernetes secret holding the value.', properties: { namespace: { type: 'string' }, name: { type: 'string' } } },
            mismatch: { type: 'string', enum: ['LOG', 'ADD', 'DELETE', 'REPLACE'], description: 'What to do on mismatch instead of denying.' },
          },
          'A header match.',
          { required: ['name'] },
        ),
        'Header matches with optional actions.',
      ),
    },
    'An HTTP rule: all fields must match. Non-matching requests get 403.',
  ),
  kafkaRule: obj(
    {
      role: { type: 'string', enum: ['produce', 'consume'], description: 'produce or consume (expands to their API keys). Exclusive with apiKey.' },
      apiKey: str('A Kafka API key name, e.g. produce, fetch, metadata. Exclusive with role.'),
      apiVersion: str('Exact API version; empty means any.'),
      clientID: str('Exact client ID; empty means any.'),
      topic: str('Exact topic name.', { pattern: '^[a-zA-Z0-9._-]+$', maxLength: 255 }),
    },
    'A Kafka rule (deprecated beta).',
  ),
  l7Rules: obj(
    {
      http: arr(ref('httpRule'), 'HTTP rules (TCP ports only). An empty rule allows every request.'),
      kafka: arr(ref('kafkaRule'), 'Kafka rules (TCP ports only).'),
      dns: arr(ref('fqdnSelector'), 'DNS rules (egress only; UDP/TCP; needs a port such as "53"). Also teaches toFQDNs which IPs names resolve to.'),
      l7proto: str('Name of a generic L7 parser.'),
      l7: arr({ type: 'object', additionalProperties: { type: 'string' } }, 'Generic key/value L7 rules for l7proto.'),
    },
    'L7 rules for these ports. Only one type per toPorts entry.',
  ),
  tlsContext: {
    type: 'object', description: 'TLS context (secret with tls.crt / tls.key / ca.crt).',
    properties: { secret: { type: 'object', properties: { namespace: { type: 'string' }, name: { type: 'string' } } }, trustedCA: { type: 'string' }, certificate: { type: 'string' }, privateKey: { type: 'string' } },
  },
  portRule: obj(
    {
      ports: arr(ref('portProtocol'), 'Ports (ORed), at most 40.', { maxItems: 40 }),
      rules: ref('l7Rules'),
      serverNames: arr({ type: 'string' }, 'TLS SNI allow-list.'),
      terminatingTLS: ref('tlsContext'),
      originatingTLS: ref('tlsContext'),
      listener: { type: 'object', description: 'Redirect to a CiliumEnvoyConfig listener (egress only).' },
    },
    'Ports, optionally with L7 rules that apply only to these ports.',
  ),
  portDenyRule: obj({ ports: arr(ref('portProtocol'), 'Ports (ORed).', { maxItems: 40 }) }, 'Ports to deny (deny rules take no L7).'),
  icmpRule: obj(
    {
      fields: arr(
        obj(
          {
            family: { type: 'string', enum: ['IPv4', 'IPv6'], description: 'Default IPv4.' },
            type: { description: 'ICMP type: 0–255 or a name such as EchoRequest.', anyOf: [{ type: 'integer', minimum: 0, maximum: 255 }, { type: 'string' }] },
          },
          'An ICMP type.',
          { required: ['type'] },
        ),
        'ICMP types (ORed).',
        { maxItems: 40 },
      ),
    },
    'ICMP types; cannot share an element with toPorts.',
  ),
}

const peerDocs = {
  endpoints: (dir: string) => arr(ref('selector'), `Pods ${dir}. In a CiliumNetworkPolicy each selector is limited to the policy namespace unless it names io.kubernetes.pod.namespace or a namespace label. An empty list selects nothing.`),
  entities: (dir: string) => arr(ref('entity'), `Reserved identities ${dir}.`),
  cidr: (dir: string) => arr(ref('cidr'), `IP ranges ${dir} (never matches Cilium-managed pods).`),
  cidrSet: (dir: string) => arr(ref('cidrRule'), `IP ranges with exceptions or CIDR groups ${dir}.`),
  nodes: (dir: string) => arr(ref('selector'), `Nodes ${dir}, by node labels (never the local host).`),
}

function element(direction: 'ingress' | 'egress', deny: boolean): Schema {
  const i = direction === 'ingress'
  const dir = i ? 'allowed to send here' : 'this endpoint may reach'
  const d = deny ? (i ? 'denied as sources' : 'denied as destinations') : dir
  const props: Record<string, Schema> = i
    ? { fromEndpoints: peerDocs.endpoints(d), fromEntities: peerDocs.entities(d), fromCIDR: peerDocs.cidr(d), fromCIDRSet: peerDocs.cidrSet(d), fromNodes: peerDocs.nodes(d), fromGroups: arr(ref('groups'), 'Cloud groups.') }
    : { toEndpoints: peerDocs.endpoints(d), toEntities: peerDocs.entities(d), toCIDR: peerDocs.cidr(d), toCIDRSet: peerDocs.cidrSet(d), toNodes: peerDocs.nodes(d), toGroups: arr(ref('groups'), 'Cloud groups.'), toServices: arr(ref('service'), 'Kubernetes Services.') }
  if (!deny && !i) props.toFQDNs = arr(ref('fqdnSelector'), 'DNS names. Needs an egress DNS rule (rules.dns on port 53) so the proxy learns their IPs.')
  props.toPorts = deny ? arr(ref('portDenyRule'), 'Ports to deny.') : arr(ref('portRule'), 'Ports (and L7 rules). Without a peer field, applies to every peer including the internet.')
  props.icmps = arr(ref('icmpRule'), 'ICMP types; exclusive with toPorts.')
  if (!deny) props.authentication = { type: 'object', description: 'Mutual authentication.', properties: { mode: { type: 'string', enum: ['disabled', 'required', 'test-always-fail'] } } }
  return obj(props, `One ${direction}${deny ? 'Deny' : ''} element: use one peer field per element; peers AND ports. \`{}\` alone denies everything else (default deny).`)
}

definitions.ingressRule = element('ingress', false)
definitions.ingressDenyRule = element('ingress', true)
definitions.egressRule = element('egress', false)
definitions.egressDenyRule = element('egress', true)
definitions.rule = obj(
  {
    endpointSelector: ref('selector', 'Pods this rule applies to. In a CiliumNetworkPolicy always limited to its namespace.'),
    nodeSelector: ref('selector', 'Nodes this host-firewall rule applies to (CiliumClusterwideNetworkPolicy only).'),
    ingress: arr(ref('ingressRule'), 'Allowed incoming traffic. Any element makes ingress default-deny for the selected pods.'),
    ingressDeny: arr(ref('ingressDenyRule'), 'Denied incoming traffic; deny always wins over allow.'),
    egress: arr(ref('egressRule'), 'Allowed outgoing traffic. Any element makes egress default-deny for the selected pods.'),
    egressDeny: arr(ref('egressDenyRule'), 'Denied outgoing traffic; deny always wins over allow.'),
    enableDefaultDeny: obj(
      { ingress: { type: 'boolean', description: 'Default true.' }, egress: { type: 'boolean', description: 'Default true.' } },
      'Whether this rule turns on default deny for its directions (default true). false = only add allows/denies.',
    ),
    labels: arr({ type: 'object' }, 'Labels identifying this rule.'),
    description: str('Free text.'),
    log: { type: 'object', description: 'Policy logging.', properties: { value: { type: 'string' } } },
  },
  'A policy rule: exactly one of endpointSelector / nodeSelector, and at least one of ingress, ingressDeny, egress, egressDeny.',
)

const knpPort = obj(
  {
    protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Default TCP.' },
    port: { description: 'Port number or named port; absent means every port.', anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string' }] },
    endPort: { type: 'integer', minimum: 1, maximum: 65535, description: 'Inclusive end of a range.' },
  },
  'A port.',
)
const knpPeer = obj(
  {
    podSelector: ref('selector', 'Pods (in the policy namespace unless namespaceSelector is set).'),
    namespaceSelector: ref('selector', 'Namespaces by label; `{}` means every namespace.'),
    ipBlock: obj({ cidr: ref('cidr'), except: arr(ref('cidr'), 'Excluded ranges.') }, 'An IP range.', { required: ['cidr'] }),
  },
  'A peer: selectors, or an ipBlock.',
)
definitions.knpSpec = obj(
  {
    podSelector: ref('selector', 'Pods this policy applies to, in its namespace. `{}` = all.'),
    ingress: arr(obj({ from: arr(knpPeer, 'Sources (ORed); empty or missing = everyone.'), ports: arr(knpPort, 'Ports; empty or missing = all.') }, 'An ingress rule.'), 'Allowed incoming traffic.'),
    egress: arr(obj({ to: arr(knpPeer, 'Destinations (ORed); empty or missing = everyone.'), ports: arr(knpPort, 'Ports; empty or missing = all.') }, 'An egress rule.'), 'Allowed outgoing traffic.'),
    policyTypes: arr({ type: 'string', enum: ['Ingress', 'Egress'] }, 'Directions this policy isolates; a listed direction without rules denies everything.'),
  },
  'Kubernetes NetworkPolicy spec.',
)

const metadata = (description: string): Schema => ({
  type: 'object',
  description,
  properties: { name: { type: 'string', description: 'Object name.' }, namespace: { type: 'string', description: 'Namespace.' }, labels: { type: 'object' }, annotations: { type: 'object' } },
})

const kindIs = (kind: string, then: Schema): Schema => ({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then })

/** The editor schema; dispatches on `kind`. */
export const policySchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://membrane.local/schemas/policy.json',
  title: 'Cilium / Kubernetes network policy',
  type: 'object',
  definitions,
  properties: {
    apiVersion: { type: 'string', enum: ['cilium.io/v2', 'cilium.io/v2alpha1', 'networking.k8s.io/v1', 'v1'], description: 'cilium.io/v2 for Cilium policies, networking.k8s.io/v1 for NetworkPolicy.' },
    kind: {
      type: 'string',
      description: 'CiliumNetworkPolicy (namespaced), CiliumClusterwideNetworkPolicy (cluster-wide, host policies), NetworkPolicy, CiliumCIDRGroup, or a List.',
      anyOf: [{ enum: ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'NetworkPolicy', 'CiliumCIDRGroup', 'List'] }, { type: 'string' }],
    },
    metadata: metadata('Object metadata (name, namespace…).'),
    status: { type: 'object', description: 'Set by the cluster; ignored.' },
  },
  allOf: [
    kindIs('CiliumNetworkPolicy', {
      properties: {
        metadata: metadata('name and namespace (the policy only selects pods in its namespace).'),
        spec: ref('rule'),
        specs: arr(ref('rule'), 'Several rules in one policy.'),
      },
    }),
    kindIs('CiliumClusterwideNetworkPolicy', {
      properties: { spec: ref('rule'), specs: arr(ref('rule'), 'Several rules in one policy.') },
    }),
    kindIs('NetworkPolicy', { properties: { spec: ref('knpSpec') } }),
    kindIs('CiliumCIDRGroup', {
      properties: { spec: obj({ externalCIDRs: arr(ref('cidr'), 'The CIDRs of this group.') }, 'CIDR group spec.', { required: ['externalCIDRs'] }) },
    }),
    kindIs('List', { properties: { items: arr({ $ref: '#' }, 'The listed objects.') } }),
  ],
}
