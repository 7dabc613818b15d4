/**
 * Markdown that shows what it says: names, labels and messages come from the cluster and the YAML,
 * so markup in them (`<img onerror>`, `[x](javascript:…)`, `|` breaking a table) is escaped and
 * renders as the literal text in every Markdown viewer.
 */

/** Text for a table cell or a line: the Markdown punctuation that makes links, emphasis, code and table cells backslash-escaped, HTML as entities, one line. */
export function mdText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ')
}

export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdText).join(' | ')} |`
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')
}
