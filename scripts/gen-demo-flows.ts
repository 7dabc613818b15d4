/**
 * `npm run gen:demo-flows [-- --out FILE]`: writes the demo's recorded flows to
 * `public/samples/demo-flows.jsonl` (or FILE). The output is committed; the app loads that file,
 * never the generator, and gen-demo-flows.test.ts fails when the two drift apart.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateDemoFlows } from './demo-flows.ts'

const DEMO_FLOWS_PATH = fileURLToPath(new URL('../public/samples/demo-flows.jsonl', import.meta.url))

const at = process.argv.indexOf('--out')
const out = at < 0 ? DEMO_FLOWS_PATH : process.argv[at + 1]
if (!out) {
  console.error('usage: gen-demo-flows [--out FILE]')
  process.exit(2)
}
writeFileSync(out, generateDemoFlows())
console.log(`wrote ${out}`)
