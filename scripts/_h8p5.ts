import { parsePolicies } from '../src/domain/policy/index.ts'
for (const n of [5000, 10000, 20000]) {
  const t = `a: &a x\nb: [${Array.from({ length: n }, () => '*a').join(', ')}]\n`
  const s = performance.now(); parsePolicies(t); console.log(n, (t.length / 1024).toFixed(0) + 'KB', (performance.now() - s).toFixed(0) + 'ms')
}
