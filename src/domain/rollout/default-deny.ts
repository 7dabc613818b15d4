/** The seed's explicit namespace default deny, as the YAML the Rollout panel inserts. */

/** A YAML scalar for a name: plain when it is a Kubernetes name, quoted otherwise (hostile text stays text). */
const scalar = (s: string): string => (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(s) ? s : JSON.stringify(s))

/** `name` is free in the namespace (the caller picks one that is). */
export function defaultDenyPolicy(namespace: string, name: string): string {
  return [
    `# ${namespace.replace(/[\r\n]/g, ' ')}: default deny on ingress and egress (rollout stage 3, in audit mode until audit shows no violation).`,
    'apiVersion: cilium.io/v2',
    'kind: CiliumNetworkPolicy',
    'metadata:',
    `  name: ${scalar(name)}`,
    `  namespace: ${scalar(namespace)}`,
    'spec:',
    '  endpointSelector: {}',
    '  ingress:',
    '    - fromEndpoints: [] # matches nothing = explicit default deny',
    '  egress:',
    '    - toEndpoints: []',
    '',
  ].join('\n')
}
