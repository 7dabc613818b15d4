// The licence notices of the npm packages a bundle copies (their licences ask for the notice to
// travel with copies): the CLI bundle (build-cli.mjs) and the web app (vite.config.ts) both ship one.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The licence texts of the packages the modules (paths or ids) belong to, one section each. */
export function thirdPartyLicenses(moduleIds, what) {
  // name → its folder: the innermost node_modules of an id, so a nested copy is credited too.
  const packages = new Map()
  for (const input of moduleIds) {
    const id = input.replace(/^\0/, '').replace(/\?.*$/, '').replace(/\\/g, '/')
    const m = [...id.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].pop()
    if (!m) continue
    const dir = path.isAbsolute(id) ? id.slice(0, m.index + m[0].length - 1) : path.join(ROOT, id.slice(0, m.index + m[0].length - 1))
    packages.set(m[1], dir)
  }
  const sections = [...packages.keys()].sort().map((name) => {
    const dir = packages.get(name)
    const { version, license, author } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    if (licenceFile) return `${name}@${version} (${license})\n\n${readFileSync(path.join(dir, licenceFile), 'utf8').trim()}\n`
    // sirv, @polka/url and @vscode/l10n publish no licence file: the readme's notice (else the
    // package's author) and the MIT text the package names.
    const notice = license === 'MIT' ? readmeNotice(dir) ?? authorNotice(author) : null
    if (!notice) throw new Error(`${name} has no licence file to ship with ${what}`)
    return `${name}@${version} (${license})\n\n${notice}\n\n${MIT_TEXT}\n`
  })
  return `${what} bundles these packages:\n\n${sections.join('\n---\n\n')}`
}

/** `Copyright (c) <author>` from package.json's author (a string or `{ name }`), or null. */
function authorNotice(author) {
  const name = typeof author === 'string' ? author.replace(/\s*[<(].*$/, '') : author?.name
  return name ? `Copyright (c) ${name}` : null
}

/** The copyright line of a readme's License section ("MIT © Luke Edwards"), or null. */
function readmeNotice(dir) {
  const readme = readdirSync(dir).find((f) => /^readme(\.|$)/i.test(f))
  if (!readme) return null
  const m = /^#+\s*License\s*\n+([^\n]*©[^\n]*)/im.exec(readFileSync(path.join(dir, readme), 'utf8'))
  return m ? m[1].trim().replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') : null
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.`

