import { describe, expect, it } from 'vitest'
import { parseAllDocuments, parseDocument } from 'yaml'
import { parseYamlWithinLimits } from './yaml-limits.ts'
import { aliasBombs, aliasesToOneAnchor, crashers, nestedBlock, nestedBoth, nestedCompact, nestedFlow } from './fixtures/crashers.ts'
import { SEED } from './fixtures/seed.ts'
import { splitDocuments } from './documents.ts'
import type { RawDiagnostic } from './context.ts'
import { MAX_NESTING, findDeepNesting } from './nesting.ts'
import { parsePolicies } from './parse.ts'
import type { YNode } from './tree.ts'
import { MAX_ALIAS_EXPANSION, aliasBudget } from './tree.ts'

function nodes(n: YNode | null): number {
  if (n === null) return 0
  if (n.t === 'scalar') return 1
  if (n.t === 'seq') return 1 + n.items.reduce((s, i) => s + nodes(i), 0)
  let s = 1
  for (const e of n.entries.values()) s += nodes(e.value)
  return s
}

describe('regression corpus: inputs that once crashed below JavaScript', () => {
  for (const [name, text] of Object.entries(crashers())) {
    it(`${name}: answered with an error diagnostic, never a crash`, () => {
      const r = parsePolicies(text)
      expect(r.diagnostics.some((d) => d.severity === 'error' && (d.code === 'too-deep' || d.code === 'yaml-alias'))).toBe(true)
      expect(r.policies).toEqual([])
    })
  }
})

describe('regression corpus: the other YAML readers\' guard (inventory, expectations, agent config)', () => {
  for (const [name, text] of Object.entries(crashers())) {
    it(`${name}: refused with a line and column before or right after yaml parses`, () => {
      let parsed = false
      const r = parseYamlWithinLimits(text, () => {
        parsed = true
        const docs = parseAllDocuments(text)
        return Array.isArray(docs) ? docs : [docs]
      })
      expect('problem' in r).toBe(true)
      if (!('problem' in r)) return
      expect(r.problem.line).toBeGreaterThan(0)
      expect(r.problem.column).toBeGreaterThan(0)
      // Deep nesting never reaches the parser (its recursion is what aborts the process).
      expect(parsed).toBe(!name.startsWith('nested'))
    })
  }
  it('many aliases to one anchor: the policy parse resolves each in one step (yaml walked the document for each)', () => {
    const text = aliasesToOneAnchor()
    const r = parsePolicies(text)
    // Within the expansion budget, so nothing is cut: the parse simply finishes (it took minutes).
    expect(r.diagnostics.some((d) => d.code === 'yaml-alias')).toBe(false)
    expect(r.documents).toHaveLength(1)
  })

  it('…and the readers that use yaml\'s toJS refuse it at the first alias, before toJS runs', () => {
    const text = aliasesToOneAnchor()
    const r = parseYamlWithinLimits(text, () => [parseDocument(text)])
    expect('problem' in r && r.problem).toMatchObject({ line: 2, column: 5, message: expect.stringContaining('40,000 aliases') as unknown })
  })

  it('lets ordinary YAML with a few aliases through', () => {
    const text = 'base: &b {app: web}\nlist: [*b, *b]\n'
    const r = parseYamlWithinLimits(text, () => [parseDocument(text)])
    expect('docs' in r && r.docs.length).toBe(1)
  })
})

describe('nesting pre-scan', () => {
  it('points at the line and column where the nesting passes the limit', () => {
    const r = parsePolicies(nestedBoth())
    const deep = r.diagnostics.filter((d) => d.code === 'too-deep')
    // One per document: the flow one on line 1, the compact block one on line 3 (after `---`).
    expect(deep.map((d) => d.line)).toEqual([1, 3])
    expect(deep[0].column).toBe(MAX_NESTING + 2) // the 66th `[` / `{`
    expect(r.documents.map((d) => d.status)).toEqual(['invalid', 'invalid'])
  })

  it('block indentation counts, one level per more-indented line', () => {
    const at = findDeepNesting(nestedBlock(300))
    expect(at).toBeDefined()
    const line = nestedBlock(300).slice(0, at?.offset).split('\n').length
    expect(line).toBe(MAX_NESTING + 3)
  })

  it('catches deep nesting after a shallow first document in the same chunk (directives keep text whole)', () => {
    expect(findDeepNesting(`%YAML 1.2\n---\na: 1\n---\n${nestedCompact(200)}`)).toBeDefined()
  })

  it('does not reject what the tree accepts: the seed policies, and nesting up to the cap', () => {
    for (const text of Object.values(SEED)) expect(findDeepNesting(text)).toBeUndefined()
    expect(findDeepNesting(nestedFlow(MAX_NESTING / 2))).toBeUndefined() // `[{` is two levels
    expect(findDeepNesting(nestedCompact(MAX_NESTING))).toBeUndefined()
    expect(findDeepNesting(nestedBlock(MAX_NESTING))).toBeUndefined()
  })

  it('ignores brackets in quotes, comments, plain scalars and block scalars', () => {
    const brackets = '['.repeat(200)
    const text = [
      `a: "${brackets}"`,
      `b: '${brackets}'`,
      `c: x${brackets}`,
      `# ${brackets}`,
      'd: |',
      ...Array.from({ length: 100 }, (_, i) => `${' '.repeat(2 + i)}- ${brackets}`),
      'e: >-',
      `  ${brackets}`,
      `f: [ "]]]", '}}}', ${brackets.length > 0 ? '"[["' : ''} ]`,
      '',
    ].join('\n')
    expect(findDeepNesting(text)).toBeUndefined()
    expect(parsePolicies(text).diagnostics.filter((d) => d.code === 'too-deep')).toEqual([])
  })
})

describe('one alias budget for the whole workspace', () => {
  it('bounds the nodes aliases create over all documents, not per document', () => {
    const sink: RawDiagnostic[] = []
    const docs = splitDocuments(aliasBombs(3), sink)
    expect(docs).toHaveLength(3)
    const total = docs.reduce((s, d) => s + nodes(d.root), 0)
    // The literal nodes of three small documents, plus at most the budget — never 3 × the budget.
    expect(total).toBeLessThanOrEqual(MAX_ALIAS_EXPANSION + 3 * 200)
    expect(sink.filter((d) => d.code === 'yaml-alias').map((d) => d.doc)).toEqual([0, 1, 2])
  })

  it('a document that fits is expanded; once the budget is spent, later documents say so', () => {
    const small = 'a: &a [x, x, x]\nb: [*a, *a, *a, *a]\n' // 16 nodes from aliases
    const count = Math.floor(MAX_ALIAS_EXPANSION / 16) + 5
    const r = parsePolicies(Array.from({ length: count }, () => small).join('---\n'))
    const cut = r.diagnostics.filter((d) => d.code === 'yaml-alias')
    expect(cut.length).toBeGreaterThan(0)
    expect(cut.length).toBeLessThanOrEqual(6)
    expect(cut[0].message).toContain('in this workspace')
    // Reported where the alias is used (line 2 of its document), not at the anchor.
    expect(cut[0].line % 3).toBe(2)
    expect(r.documents[0].status).toBe('not-a-policy')
  })

  it('a shared budget spans several texts (the CLI passes one for all files)', () => {
    const budget = aliasBudget()
    const first = parsePolicies(aliasBombs(1), { aliasBudget: budget })
    expect(budget.left).toBe(0)
    const aliasCodes = (t: string, b = aliasBudget()): number => parsePolicies(t, { aliasBudget: b }).diagnostics.filter((d) => d.code === 'yaml-alias').length
    expect(first.diagnostics.some((d) => d.code === 'yaml-alias')).toBe(true)
    expect(aliasCodes('a: &a [x]\nb: [*a]\n', budget)).toBe(1)
    // A fresh budget (another workspace) expands the same text.
    expect(aliasCodes('a: &a [x]\nb: [*a]\n')).toBe(0)
  })

  it('the per-chunk cache charges a reused document again', () => {
    const text = aliasBombs(2)
    const lines = (): number[] => parsePolicies(text).diagnostics.filter((d) => d.code === 'yaml-alias').map((d) => d.line)
    // The first document spends the budget at its `e:` line; the second is cut at its first alias.
    expect(lines()).toEqual([5, 8])
    expect(lines()).toEqual([5, 8])
  })
})
