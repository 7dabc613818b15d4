/** Public API of the policy parser/model. */
export { parsePolicies } from './parse.ts'
export { policySchema } from './schema.ts'
export { policyKey } from '../graph/handles.ts'
export { ENTITIES } from './peers.ts'
export { LineIndex } from './positions.ts'
export type * from './model.ts'
