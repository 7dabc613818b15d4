/**
 * `check --expect <file>`: reads the expectations file (format and evaluation in
 * domain/expectations, shared with the page's Expectations panel). The first problem in the
 * file stops the run as a usage error with its place (`file:line[:column]`).
 */
import { parseExpectationsText } from '../domain/expectations/index.ts'
import type { Expectation } from '../domain/expectations/index.ts'
import { CliError } from './io.ts'

export type { Expectation }
export { expectationMet } from '../domain/expectations/index.ts'

export function parseExpectations(text: string, file: string): Expectation[] {
  const { expectations, problems, empty } = parseExpectationsText(text)
  // The page starts from an empty text; a file given to --expect must hold the list.
  const p = empty === true ? { message: 'expected a list of expectations (from, to, port, expect)' } : problems[0]
  if (p !== undefined) {
    // YAML syntax errors carry line and column; entry problems their entry's line.
    const where = p.line === undefined ? file : p.syntax === true ? `${file}:${p.line}:${p.column}` : `${file}:${p.line}`
    throw new CliError(`${where}: ${p.message}`)
  }
  return [...expectations]
}
