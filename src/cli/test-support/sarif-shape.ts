/**
 * Test support: checks a SARIF log against the SARIF 2.1.0 schema (OASIS
 * sarif-schema-2.1.0.json) for the objects membrane writes — required properties, closed
 * property sets (the schema sets additionalProperties: false), enums and integer minimums — with
 * no network fetch. Returns the problems as `path: what`; an empty list means the log conforms.
 */

type Def = {
  readonly props: Readonly<Record<string, Check>>
  readonly required?: readonly string[]
  /** At least one of these sets must be present (the schema's anyOf of required). */
  readonly anyOf?: readonly (readonly string[])[]
}
type Check = (value: unknown, at: string, out: string[]) => void

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const str: Check = (v, at, out) => void (typeof v !== 'string' && out.push(`${at}: not a string`))
const int = (min: number): Check => (v, at, out) => {
  if (!Number.isInteger(v)) out.push(`${at}: not an integer`)
  else if ((v as number) < min) out.push(`${at}: ${String(v)} < ${min}`)
}
const oneOf = (values: readonly string[]): Check => (v, at, out) => void (!values.includes(v as string) && out.push(`${at}: '${String(v)}' not one of ${values.join(', ')}`))
const uri: Check = (v, at, out) => {
  str(v, at, out)
  // uri-reference: no spaces or other characters that must be percent-encoded.
  if (typeof v === 'string' && /[\s<>"{}|\\^`]/.test(v)) out.push(`${at}: '${v}' is not a URI reference`)
}
const arrayOf = (item: Check): Check => (v, at, out) => {
  if (!Array.isArray(v)) return void out.push(`${at}: not an array`)
  v.forEach((x, i) => item(x, `${at}[${i}]`, out))
}
const mapOf = (item: Check): Check => (v, at, out) => {
  if (!isObject(v)) return void out.push(`${at}: not an object`)
  for (const [k, x] of Object.entries(v)) item(x, `${at}.${k}`, out)
}
const anything: Check = () => undefined
const LEVELS = ['none', 'note', 'warning', 'error']

function object(name: string, def: () => Def): Check {
  return (v, at, out) => {
    if (!isObject(v)) return void out.push(`${at}: ${name} is not an object`)
    const d = def()
    for (const key of Object.keys(v)) {
      const check = Object.hasOwn(d.props, key) ? d.props[key] : undefined
      if (!check) out.push(`${at}.${key}: not a property of ${name}`)
      else check(v[key], `${at}.${key}`, out)
    }
    for (const key of d.required ?? []) if (!(key in v)) out.push(`${at}: ${name} requires '${key}'`)
    if (d.anyOf && !d.anyOf.some((set) => set.every((k) => k in v))) {
      out.push(`${at}: ${name} requires one of ${d.anyOf.map((s) => s.join('+')).join(' or ')}`)
    }
  }
}

const propertyBag = mapOf(anything)
const message: Check = object('message', () => ({ props: { text: str, markdown: str, id: str, arguments: arrayOf(str), properties: propertyBag }, anyOf: [['text'], ['id']] }))
const multiformat: Check = object('multiformatMessageString', () => ({ props: { text: str, markdown: str, properties: propertyBag }, required: ['text'] }))
const artifactLocation: Check = object('artifactLocation', () => ({ props: { uri, uriBaseId: str, index: int(-1), description: message, properties: propertyBag } }))
const region: Check = object('region', () => ({
  props: { startLine: int(1), startColumn: int(1), endLine: int(1), endColumn: int(1), charOffset: int(-1), charLength: int(0),
    byteOffset: int(-1), byteLength: int(0), snippet: anything, message, sourceLanguage: str, properties: propertyBag },
}))
const physicalLocation: Check = object('physicalLocation', () => ({
  props: { address: anything, artifactLocation, region, contextRegion: region, properties: propertyBag },
  anyOf: [['address'], ['artifactLocation']],
}))
const location: Check = object('location', () => ({
  props: { id: int(-1), physicalLocation, logicalLocations: arrayOf(anything), message, annotations: arrayOf(region), relationships: arrayOf(anything), properties: propertyBag },
}))
const reportingConfiguration: Check = object('reportingConfiguration', () => ({
  props: { enabled: anything, level: oneOf(LEVELS), rank: anything, parameters: propertyBag, properties: propertyBag },
}))
const reportingDescriptor: Check = object('reportingDescriptor', () => ({
  props: { id: str, deprecatedIds: arrayOf(str), guid: str, deprecatedGuids: arrayOf(str), name: str, deprecatedNames: arrayOf(str),
    shortDescription: multiformat, fullDescription: multiformat, messageStrings: mapOf(multiformat), defaultConfiguration: reportingConfiguration,
    helpUri: uri, help: multiformat, relationships: arrayOf(anything), properties: propertyBag },
  required: ['id'],
}))
const TOOL_COMPONENT_PROPS = ['guid', 'organization', 'product', 'productSuite', 'fullName', 'dottedQuadFileVersion', 'releaseDateUtc',
  'downloadUri', 'informationUri', 'language', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion']
const toolComponent: Check = object('toolComponent', () => ({
  props: { name: str, version: str, semanticVersion: str, shortDescription: multiformat, fullDescription: multiformat,
    rules: arrayOf(reportingDescriptor), notifications: arrayOf(reportingDescriptor), taxa: arrayOf(reportingDescriptor),
    globalMessageStrings: mapOf(multiformat), locations: arrayOf(artifactLocation), contents: arrayOf(str), isComprehensive: anything,
    associatedComponent: anything, translationMetadata: anything, supportedTaxonomies: arrayOf(anything), properties: propertyBag,
    ...Object.fromEntries(TOOL_COMPONENT_PROPS.map((k) => [k, str])) },
  required: ['name'],
}))
const tool: Check = object('tool', () => ({ props: { driver: toolComponent, extensions: arrayOf(toolComponent), properties: propertyBag }, required: ['driver'] }))
const RESULT_KINDS = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']
const result: Check = object('result', () => ({
  props: { ruleId: str, ruleIndex: int(-1), rule: anything, kind: oneOf(RESULT_KINDS), level: oneOf(LEVELS), message,
    analysisTarget: artifactLocation, locations: arrayOf(location), guid: str, correlationGuid: str, occurrenceCount: int(1),
    partialFingerprints: mapOf(str), fingerprints: mapOf(str), stacks: arrayOf(anything), codeFlows: arrayOf(anything),
    graphs: arrayOf(anything), graphTraversals: arrayOf(anything), relatedLocations: arrayOf(location), suppressions: arrayOf(anything),
    baselineState: oneOf(['new', 'unchanged', 'updated', 'absent']), rank: anything, attachments: arrayOf(anything),
    hostedViewerUri: uri, workItemUris: arrayOf(uri), provenance: anything, fixes: arrayOf(anything), taxa: arrayOf(anything),
    webRequest: anything, webResponse: anything, properties: propertyBag },
  required: ['message'],
}))
const automationDetails: Check = object('runAutomationDetails', () => ({ props: { description: message, id: str, guid: str, correlationGuid: str, properties: propertyBag } }))
const RUN_OTHER = ['invocations', 'conversion', 'language', 'versionControlProvenance', 'artifacts', 'logicalLocations', 'graphs',
  'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences',
  'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests',
  'webResponses', 'specialLocations']
const run: Check = object('run', () => ({
  props: { tool, results: arrayOf(result), originalUriBaseIds: mapOf(artifactLocation), automationDetails,
    columnKind: oneOf(['utf16CodeUnits', 'unicodeCodePoints']), properties: propertyBag,
    ...Object.fromEntries(RUN_OTHER.map((k) => [k, anything])) },
  required: ['tool'],
}))
const sarifLog: Check = object('sarifLog', () => ({
  props: { $schema: uri, version: oneOf(['2.1.0']), runs: arrayOf(run), inlineExternalProperties: arrayOf(anything), properties: propertyBag },
  required: ['version', 'runs'],
}))

/** Schema problems, plus the cross-references the standard states in prose (§3.27.6, §3.14.14). */
export function sarifProblems(log: unknown): string[] {
  const out: string[] = []
  sarifLog(log, '$', out)
  if (out.length > 0 || !isObject(log)) return out
  ;(log.runs as Record<string, unknown>[]).forEach((r, ri) => {
    const rules = ((r.tool as { driver: { rules?: { id: string }[] } }).driver.rules ?? [])
    ;((r.results ?? []) as { ruleId?: string; ruleIndex?: number }[]).forEach((res, i) => {
      if (res.ruleIndex !== undefined && rules[res.ruleIndex]?.id !== res.ruleId) {
        out.push(`$.runs[${ri}].results[${i}]: ruleIndex ${res.ruleIndex} does not name rule '${res.ruleId}'`)
      }
    })
    for (const [name, base] of Object.entries((r.originalUriBaseIds ?? {}) as Record<string, { uri?: string }>)) {
      if (base.uri !== undefined && !base.uri.endsWith('/')) out.push(`$.runs[${ri}].originalUriBaseIds.${name}: uri must end with '/'`)
    }
  })
  return out
}
