/**
 * The same two limits the policy parse has, for every other YAML the tools read (inventory,
 * expectations, agent config — issue 8): the linear nesting pre-scan before `yaml` sees the text
 * (its recursion aborts the process below JavaScript on a few KB of `[{[{…`), and one alias
 * budget over all documents of the input (yaml's own `maxAliasCount` is per document, and
 * walking the value of 1,000 small bombs joined by `---` takes gigabytes).
 */
import type { Document } from 'yaml'
import { MAX_NESTING, findDeepNesting } from './nesting.ts'
import { LineIndex } from './positions.ts'
import type { AliasBudget, TreeProblem } from './tree.ts'
import { MAX_ALIAS_EXPANSION, aliasBudget, toTree } from './tree.ts'

/**
 * What the readers' `toJS` may spend resolving aliases: yaml walks the document from its start for
 * each alias written (aliases × nodes steps; 20,000 `*a` in 78 KB took a minute). Kubernetes
 * output has no aliases; a hand-written file has a few, far under this.
 */
export const MAX_ALIAS_RESOLUTION_STEPS = 2_000_000

export interface YamlLimitProblem {
  /** 1-based, where the limit was passed. */
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Before any `yaml` parse: where the text nests deeper than the model's cap, or undefined. */
export function yamlNestingProblem(text: string): YamlLimitProblem | undefined {
  const deep = findDeepNesting(text)
  if (deep === undefined) return undefined
  return { ...new LineIndex(text).position(deep.offset), message: `nesting deeper than ${MAX_NESTING} levels is not supported; the file is not read` }
}

/**
 * After parsing, before the value is used: where alias expansion over all `docs` passes the one
 * budget, an alias has no anchor, or resolving one document's aliases would cost yaml's `toJS`
 * too much; else undefined.
 * Linear in the text plus the budget; text without `*` has no alias to expand.
 */
export function yamlAliasProblem(docs: readonly Document[], text: string, budget: AliasBudget = aliasBudget()): YamlLimitProblem | undefined {
  if (!text.includes('*')) return undefined
  for (const doc of docs) {
    if (doc.errors.length > 0) continue
    const problems: TreeProblem[] = []
    const tree = toTree(doc, text, problems, budget)
    if (tree.aliasRefs * tree.nodes > MAX_ALIAS_RESOLUTION_STEPS) {
      return { ...new LineIndex(text).position(tree.firstAlias), message: `${tree.aliasRefs.toLocaleString('en-US')} aliases in a document of ${tree.nodes.toLocaleString('en-US')} nodes cost too much to resolve; the file is not read` }
    }
    // An alias with no anchor before it: yaml's toJS throws on it (a ReferenceError, not a diagnostic).
    const unknown = problems.find((p) => p.code === 'yaml-alias' && p.message.startsWith('unknown alias'))
    if (unknown) return { ...new LineIndex(text).position(unknown.range.start), message: `${unknown.message} (no anchor before it); the file is not read` }
    if (!tree.aliasCut) continue
    const at = problems.find((p) => p.code === 'yaml-alias' && p.message.startsWith('aliases expand'))?.range.start ?? 0
    return { ...new LineIndex(text).position(at), message: `aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes; the file is not read` }
  }
  return undefined
}

/**
 * Both checks around one parse: `parse` runs only when the nesting pre-scan passes, and its
 * documents come back only when their aliases stay within one budget.
 */
export function parseYamlWithinLimits<D extends Document>(text: string, parse: () => D[]): { readonly docs: D[] } | { readonly problem: YamlLimitProblem } {
  const deep = yamlNestingProblem(text)
  if (deep) return { problem: deep }
  const docs = parse()
  const bomb = yamlAliasProblem(docs, text)
  return bomb ? { problem: bomb } : { docs }
}
