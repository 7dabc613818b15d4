#!/usr/bin/env node
// Prints plain "unit: N passed, N failed" and "e2e: N passed, N failed" lines from the JSON
// reports of Vitest and Playwright (CI cannot read their own summaries). Exits 1 when a report
// is missing (that stage did not run) or counted no test at all.
import { existsSync, readFileSync } from 'node:fs'

const [unitPath, e2ePath] = process.argv.slice(2)
let bad = false

function read(path) {
  if (!path || !existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

const unit = read(unitPath)
if (unit) {
  const passed = unit.numPassedTests ?? 0
  // A test file that fails to load has no failed tests of its own: count it as one failure.
  const brokenFiles = (unit.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length
  const failed = (unit.numFailedTests ?? 0) + brokenFiles
  console.log(`unit: ${passed} passed, ${failed} failed`)
  if (passed === 0) bad = true
} else {
  console.log('unit: 0 passed, 1 failed')
  bad = true
}

function countSpecs(suites, acc) {
  for (const s of suites ?? []) {
    for (const spec of s.specs ?? []) {
      // A spec that passed on retry is flaky but passed; one that never passed failed.
      if (spec.ok) acc.passed++
      else acc.failed++
    }
    countSpecs(s.suites, acc)
  }
  return acc
}

const e2e = read(e2ePath)
if (e2e) {
  const { passed, failed } = countSpecs(e2e.suites, { passed: 0, failed: 0 })
  console.log(`e2e: ${passed} passed, ${failed} failed`)
  if (passed === 0) bad = true
} else {
  console.log('e2e: 0 passed, 1 failed')
  bad = true
}
process.exit(bad ? 1 : 0)
