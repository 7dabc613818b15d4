import { describe, expect, it } from 'vitest'
import { editDistance, nearest } from './near-miss.ts'

describe('near-miss suggestions', () => {
  const CASES: readonly [string, readonly string[], readonly string[]][] = [
    ['fronted', ['frontend', 'backend', 'web'], ['frontend']],
    ['backnd', ['frontend', 'backend'], ['backend']],
    ['web', ['api', 'db'], []],
    ['frontend', ['frontend'], []],
    ['db', ['dc', 'ab', 'database'], ['ab', 'dc']],
  ]
  for (const [word, candidates, want] of CASES) {
    it(`${word} among ${candidates.join(',')} → ${want.join(',') || 'none'}`, () => {
      expect(nearest(word, candidates)).toEqual(want)
    })
  }

  it('edit distance stops early past its bound', () => {
    expect(editDistance('fronted', 'frontend')).toBe(1)
    expect(editDistance('a', 'abcdefgh', 3)).toBe(4)
  })
})
