/**
 * Kafka (§7.3), as Cilium's Kafka policy code defines it: the API keys each role expands to, and
 * which request types carry topics (only those are held to a rule's `topic`). One probe per key.
 */
import { describe } from 'vitest'
import { KAFKA_API_KEY_NAMES } from '../policy/kafka-api-keys.ts'
import { KAFKA_ROLES, KAFKA_TOPIC_KEYS } from './l7-kafka.ts'
import type { Probe } from './test-harness.ts'
import { cnp, runSuite } from './test-harness.ts'

const kafkaYaml = (name: string, rules: string): string => cnp('shop', name, `
  endpointSelector: {matchLabels: {app: broker}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{ports: [{port: "9092", protocol: TCP}], rules: {kafka: ${rules}}}]
`)
const base = { from: 'shop/app=client', to: 'shop/app=broker', port: 9092 } as const
const KEYS = Array.from({ length: 38 }, (_, i) => i)
const keyName = (k: number): string => KAFKA_API_KEY_NAMES[k] ?? `key ${k}`

describe('§7.3 roles expand to Cilium’s API key sets', () => {
  for (const role of ['produce', 'consume'] as const) {
    const keys = new Set(KAFKA_ROLES[role])
    const probes: Probe[] = KEYS.map((k) => ({
      name: `§7.3 role ${role} ${keys.has(k) ? 'covers' : 'does not cover'} ${keyName(k)} (${k})`,
      ...base,
      kafka: { apiKey: k, ...(KAFKA_TOPIC_KEYS.has(k) && { topics: ['orders'] }) },
      expect: keys.has(k) ? 'allowed' : 'denied',
      by: keys.has(k) ? ['l7', 'allow', `shop/${role}`, 'spec.ingress[0].toPorts[0].rules.kafka[0]'] : ['l7', 'default-deny', `shop/${role}`],
    }))
    runSuite({ yaml: kafkaYaml(role, `[{role: ${role}, topic: orders}]`), probes })
  }
})

describe('§7.3 which request types carry topics', () => {
  // One rule per named key, bound to topic "orders": a request for another topic is refused
  // only when its type carries topics.
  const yaml = kafkaYaml('topics', `[${KAFKA_API_KEY_NAMES.map((n) => `{apiKey: ${n}, topic: orders}`).join(', ')}]`)
  const probes: Probe[] = []
  KAFKA_API_KEY_NAMES.forEach((n, k) => {
    const carries = KAFKA_TOPIC_KEYS.has(k)
    probes.push({
      name: `§7.3 ${n} (${k}) ${carries ? 'carries topics: another topic is refused' : 'carries no topic: the rule’s topic does not apply'}`,
      ...base,
      kafka: { apiKey: k, ...(carries && { topics: ['payments'] }) },
      expect: carries ? 'denied' : 'allowed',
      by: carries ? ['l7', 'default-deny', 'shop/topics'] : ['l7', 'allow', 'shop/topics', `spec.ingress[0].toPorts[0].rules.kafka[${k}]`],
    })
    if (carries)
      probes.push({ name: `§7.3 ${n} (${k}) to the rule’s topic is allowed`, ...base, kafka: { apiKey: n, topics: ['orders'] }, expect: 'allowed', by: ['l7', 'allow', 'shop/topics', `spec.ingress[0].toPorts[0].rules.kafka[${k}]`] })
  })
  runSuite({ yaml, probes })

  // Keys past the named ones are only reachable through a rule without apiKey.
  const any = kafkaYaml('any-key', '[{topic: orders}]')
  runSuite({
    yaml: any,
    probes: [34, 35, 36, 37].map((k): Probe => {
      const carries = KAFKA_TOPIC_KEYS.has(k)
      return {
        name: `§7.3 key ${k} ${carries ? 'carries topics' : 'carries no topic'} (a topic-only rule)`,
        ...base,
        kafka: { apiKey: k, ...(carries && { topics: ['payments'] }) },
        expect: carries ? 'denied' : 'allowed',
        by: carries ? ['l7', 'default-deny', 'shop/any-key'] : ['l7', 'allow', 'shop/any-key'],
      }
    }),
  })
})
