// `npx tsx scripts/measure-parse.ts`: main-thread time of parsePolicies (what the page runs on each
// committed text) for the hostile corpus and for large ordinary workspaces (issue 8). Each case is
// parsed 3 times, every document changed each run so the per-document cache never answers (a
// first load); the table shows the slowest run, in CPU time of this process (wall time on a shared
// machine counts the other processes too).
//
// Decision (issue 8): parsing stays on the main thread. With the nesting pre-scan, the one alias
// budget and one-pass alias resolution (tree.ts), every shape costs time linear in its size, the
// hostile ones at most about twice ordinary policy text per KB (2026-12: 1.3 MB of distinct alias
// bombs 1.2 s CPU, 5 MB of ordinary policies 2.5 s); the load mark (load-guard.ts) covers a tab
// that dies anyway. A first parse of a multi-MB text in the worker is the step after this one.
import { readFileSync } from 'node:fs'
import { aliasBombs, aliasesToOneAnchor, crashers } from '../src/domain/policy/fixtures/crashers.ts'
import { parsePolicies } from '../src/domain/policy/index.ts'

const demo = readFileSync(new URL('../public/samples/demo.yaml', import.meta.url), 'utf8')
/** An ordinary workspace of about `bytes`: the demo's policies again and again, renamed so none repeats. */
function large(bytes: number): string {
  const docs: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const d = demo.replace(/name: ([\w-]+)/g, `name: $1-${i}`)
    docs.push(d)
    size += d.length + 4
  }
  return docs.join('\n---\n')
}
/** The alias bombs with every document's anchors renamed: no two documents alike. */
const distinct = (text: string): string => text.split(/^---$/m).map((d, i) => d.replace(/([&*])([a-e])\b/g, `$1$2${i}`)).join('---')
const cases: Record<string, string> = {
  ...crashers(),
  'alias bombs 1000, distinct': distinct(crashers()['alias bombs 1000']),
  'alias bombs 2000, distinct': distinct(crashers()['alias bombs 2000']),
  'alias bombs 4000, distinct': distinct(aliasBombs(4000)),
  '40,000 aliases to one anchor': aliasesToOneAnchor(),
  '250,000 aliases to one anchor': aliasesToOneAnchor(250_000),
  'ordinary 1 MB': large(1 << 20),
  'ordinary 5 MB': large(5 << 20),
}
parsePolicies(demo)
const rows: string[] = []
for (const [name, text] of Object.entries(cases)) {
  let worst = 0
  let out = ''
  for (let i = 0; i < 3; i++) {
    // A text differing in one byte each run, so the per-document cache never answers for it.
    const t = text.replace(/^---$/gm, `# run ${i}\n---`) + `\n# run ${i}\n`
    const s = process.cpuUsage()
    const r = parsePolicies(t)
    const used = process.cpuUsage(s)
    worst = Math.max(worst, (used.user + used.system) / 1000)
    out = `${r.policies.length} policies, ${r.diagnostics.filter((d) => d.severity === 'error').length} errors`
  }
  rows.push(`${name.padEnd(30)} ${(text.length / 1024).toFixed(0).padStart(6)} KB ${worst.toFixed(0).padStart(6)} ms CPU  ${out}`)
}
console.log(rows.join('\n'))
