/** Kafka L7 rule matching (§7.3, §9.41–42). */
import type { KafkaRule } from '../policy/model.ts'
import type { KafkaRequest } from './api.ts'
import { KAFKA_API_KEY_NAMES } from '../policy/kafka-api-keys.ts'

/** Names 0–33 (policy/kafka-api-keys.ts); numbers for the rest. */
const API_KEYS = KAFKA_API_KEY_NAMES
const KEY_BY_NAME = new Map(API_KEYS.map((n, i) => [n, i]))

/**
 * Role expansion (§7.3; `MapRoleToAPIKey` / `GetAPIKeys`): produce → produce, metadata,
 * apiversions; consume → fetch, offsets, metadata, offsetcommit, offsetfetch, findcoordinator,
 * joingroup, heartbeat, leavegroup, syncgroup, apiversions.
 */
export const KAFKA_ROLES: Readonly<Record<'produce' | 'consume', readonly number[]>> = {
  produce: [0, 3, 18],
  consume: [1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 18],
}

/**
 * Request types that carry topics (`isTopicAPIKey` / `IsTopicAPIKey`): only these are checked
 * against a rule's `topic`; for any other type a topic-bound rule matches on its other fields.
 * produce, fetch, offsets, metadata, leaderandisr, stopreplica, updatemetadata, offsetcommit,
 * offsetfetch, createtopics, deletetopics, deleterecords, offsetforleaderepoch,
 * addpartitionstotxn, writetxnmarkers, txnoffsetcommit, alterreplicalogdirs (34),
 * describelogdirs (35), createpartitions (37).
 */
export const KAFKA_TOPIC_KEYS: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6, 8, 9, 19, 20, 21, 23, 24, 27, 28, 34, 35, 37])
const ROLES: Readonly<Record<string, readonly number[]>> = KAFKA_ROLES
const TOPIC_KEYS = KAFKA_TOPIC_KEYS

export function kafkaApiKeyNumber(key: number | string): number | null {
  if (typeof key === 'number') return Number.isInteger(key) ? key : null
  const t = key.trim().toLowerCase()
  if (/^\d+$/.test(t)) return Number(t)
  return KEY_BY_NAME.get(t) ?? null
}

export interface CompiledKafkaRule {
  readonly src: KafkaRule
  /** null: any API key. An empty set (unknown name) matches nothing. */
  readonly keys: ReadonlySet<number> | null
  readonly apiVersion: number | null
  readonly clientID: string | null
  readonly topic: string | null
}

export function compileKafkaRule(r: KafkaRule): CompiledKafkaRule {
  let keys: Set<number> | null = null
  if (r.role !== undefined && r.role !== '') keys = new Set(ROLES[r.role.toLowerCase()] ?? [])
  else if (r.apiKey !== undefined && r.apiKey !== '') {
    const k = kafkaApiKeyNumber(r.apiKey)
    keys = new Set(k === null ? [] : [k])
  }
  const v = r.apiVersion !== undefined && r.apiVersion !== '' ? Number(r.apiVersion) : null
  return {
    src: r,
    keys,
    apiVersion: v !== null && Number.isFinite(v) ? v : null,
    clientID: r.clientID !== undefined && r.clientID !== '' ? r.clientID : null,
    topic: r.topic !== undefined && r.topic !== '' ? r.topic : null,
  }
}

function matchesHeader(r: CompiledKafkaRule, key: number | null, req: KafkaRequest): boolean {
  if (r.keys !== null && (key === null || !r.keys.has(key))) return false
  if (r.apiVersion !== null && req.apiVersion !== r.apiVersion) return false
  if (r.clientID !== null && req.clientID !== r.clientID) return false
  return true
}

/**
 * Whether the rules allow the request. An empty list allows nothing; each topic of a
 * multi-topic request must be covered by some matching rule (§7.3, §9.41). Returns the indexes
 * of the rules that matched, or null when denied.
 */
export function kafkaAllows(rules: readonly CompiledKafkaRule[], req: KafkaRequest): number[] | null {
  const key = kafkaApiKeyNumber(req.apiKey)
  const used = new Set<number>()
  const candidates: number[] = []
  rules.forEach((r, i) => {
    if (matchesHeader(r, key, req)) candidates.push(i)
  })
  if (candidates.length === 0) return null
  const topics = req.topics ?? []
  if (key === null || !TOPIC_KEYS.has(key) || topics.length === 0) {
    // No topic to check: a topic-bound rule only applies to requests naming topics.
    const free = candidates.filter((i) => rules[i].topic === null || !TOPIC_KEYS.has(key ?? -1))
    if (free.length > 0) return [free[0]]
    return null
  }
  for (const t of topics) {
    const hit = candidates.find((i) => rules[i].topic === null || rules[i].topic === t)
    if (hit === undefined) return null
    used.add(hit)
  }
  return [...used]
}
