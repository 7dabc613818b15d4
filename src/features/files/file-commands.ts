/** What the File menu's entries do: downloads, the clipboard, exports. Each reports through the file UI state. */
import { baseName, filesAsOpened, filesPerPolicy } from '../../domain/files/policy-files.ts'
import { zipFiles } from '../../domain/files/zip-files.ts'
import { flowsCsv } from '../../domain/report/flows-csv.ts'
import { flowsReport } from '../../domain/report/flows-report.ts'
import { useFlows } from '../../store/flows-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { downloadBlob, downloadBytes, downloadText } from './download.ts'
import { graphPng, graphSvg } from './export-graph.ts'
import { useFileUi } from './file-ui.ts'
import { redactorFor, reportFindings, reportFlows } from './report-rows.ts'

/** What happened, in the status bar. */
export const say = (text: string, kind: 'info' | 'error' = 'info'): void => useWorkspace.getState().notify({ kind, text })
const text = (): string => useWorkspace.getState().text

export function downloadYaml(): void {
  downloadText('workspace.yaml', text())
  say('Downloaded workspace.yaml')
}

export function downloadPerPolicy(): void {
  const files = filesPerPolicy(text())
  if (files.length === 0) return say('The workspace holds no policy to download.', 'error')
  downloadBytes('policies.zip', zipFiles(files), 'application/zip')
  say(`Downloaded policies.zip (${files.length} ${files.length === 1 ? 'policy' : 'policies'})`)
}

/** The files as opened: a lone file downloads as itself, several as a zip with their folders. */
export function downloadAsOpened(): void {
  const files = filesAsOpened(text())
  if (files.length === 1) {
    const name = baseName(files[0]!.path)
    downloadText(name, files[0]!.text)
    return say(`Downloaded ${name}`)
  }
  downloadBytes('workspace-files.zip', zipFiles(files), 'application/zip')
  say(`Downloaded workspace-files.zip (${files.length} files)`)
}

export async function copyYaml(): Promise<void> {
  try {
    await navigator.clipboard.writeText(text())
    say('Copied the workspace YAML to the clipboard')
  } catch {
    say('The browser refused the clipboard; use Download instead.', 'error')
  }
}

function needFlows(): boolean {
  if (useFlows.getState().view?.total) return true
  say('Load Hubble flows first: the CSV and the report are about observed flows.', 'error')
  return false
}

export async function exportCsv(): Promise<void> {
  if (!needFlows()) return
  const flows = await reportFlows()
  downloadText('membrane-flows.csv', flowsCsv(flows, redactorFor(useFileUi.getState().redact)), 'text/csv')
  say(`Exported ${flows.length} flows as CSV`)
}

export async function exportMarkdown(): Promise<void> {
  if (!needFlows()) return
  const flows = await reportFlows()
  const md = flowsReport(
    { flows, findings: reportFindings(), files: useFlows.getState().files, generatedAt: new Date().toISOString() },
    redactorFor(useFileUi.getState().redact),
  )
  downloadText('membrane-report.md', md, 'text/markdown')
  say('Exported the Markdown report')
}

export async function exportGraph(format: 'png' | 'svg'): Promise<void> {
  const { redact } = useFileUi.getState()
  const redactor = redact ? redactorFor(true) : null
  try {
    if (format === 'svg') downloadText('membrane-graph.svg', await graphSvg(redactor), 'image/svg+xml')
    else downloadBlob('membrane-graph.png', await graphPng(redactor))
    say(`Exported the picture as ${format.toUpperCase()}`)
  } catch (err) {
    say(`The ${format.toUpperCase()} export failed: ${err instanceof Error ? err.message : String(err)}`, 'error')
  }
}
