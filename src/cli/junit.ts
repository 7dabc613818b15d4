/** A JUnit XML report, the format CI systems (GitLab, Jenkins, GitHub actions) display. */

export interface TestCase {
  readonly suite: string
  readonly name: string
  /** Absent when the case passed. */
  readonly failure?: { readonly message: string; readonly details: string }
}

const escapeXml = (s: string): string =>
  // Characters XML 1.0 forbids are dropped (lone surrogates too); characters outside the BMP are allowed and kept.
  s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;')

export function junitXml(cases: readonly TestCase[], name = 'membrane check'): string {
  const suites = new Map<string, TestCase[]>()
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c])
  const failures = cases.filter((c) => c.failure).length
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}">`]
  for (const [suite, list] of suites) {
    out.push(`  <testsuite name="${escapeXml(suite)}" tests="${list.length}" failures="${list.filter((c) => c.failure).length}">`)
    for (const c of list) {
      const head = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}"`
      if (!c.failure) out.push(`${head}/>`)
      else {
        out.push(`${head}>`, `      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.details)}</failure>`, '    </testcase>')
      }
    }
    out.push('  </testsuite>')
  }
  out.push('</testsuites>', '')
  return out.join('\n')
}
