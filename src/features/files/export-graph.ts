/**
 * The picture shown (cluster map or policy focus) as SVG and PNG, made in the page by html-to-image:
 * the DOM serialised into an SVG foreignObject, so labels stay text the serialiser escapes (a label
 * with markup is shown, never run). No fonts are embedded (the app uses system fonts) and nothing
 * is fetched, so it works offline and under the CSP. Redaction rewrites the SVG's text nodes; the
 * PNG is drawn from that same SVG, so both carry the same stand-ins.
 */
import { toSvg } from 'html-to-image'
import type { Redactor } from '../../domain/files/redact.ts'

/**
 * The computed properties copied onto each cloned element. Without a list html-to-image copies every
 * computed property, custom properties included (React Flow's --xy-* on every element): 24 MB and
 * ~15 s for the demo graph. These are the ones that change how the picture looks.
 */
const SIDES = ['top', 'right', 'bottom', 'left']
const STYLE_PROPERTIES = [
  'display', 'position', 'inset', 'top', 'right', 'bottom', 'left', 'width', 'height', 'min-width', 'min-height', 'max-width', 'max-height',
  'box-sizing', 'overflow', 'overflow-x', 'overflow-y', 'visibility', 'opacity', 'z-index', 'transform', 'transform-origin',
  ...SIDES.flatMap((s) => [`margin-${s}`, `padding-${s}`, `border-${s}-width`, `border-${s}-style`, `border-${s}-color`]),
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-left-radius', 'border-bottom-right-radius',
  'background-color', 'background-image', 'background-size', 'background-position', 'background-repeat', 'box-shadow', 'filter',
  'color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'text-align', 'text-decoration-line',
  'text-decoration-style', 'text-decoration-color', 'text-transform', 'text-overflow', 'white-space', 'word-break', 'overflow-wrap', 'vertical-align',
  'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'justify-content', 'align-items', 'align-self', 'align-content',
  'row-gap', 'column-gap', 'grid-template-columns', 'grid-template-rows', 'list-style-type',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin',
  'marker-start', 'marker-end', 'text-anchor', 'dominant-baseline',
]

const SKIP = ['react-flow__controls', 'react-flow__minimap', 'react-flow__panel', 'react-flow__attribution']

function exportRoot(): HTMLElement {
  const root = document.querySelector<HTMLElement>('[data-testid="graph"] .react-flow') ?? document.querySelector<HTMLElement>('[data-testid="focus-view"]')
  if (!root) throw new Error('There is no picture to export.')
  return root
}

const keep = (node: HTMLElement): boolean => !(node.classList && SKIP.some((c) => node.classList.contains(c)))

function backgroundOf(el: HTMLElement): string {
  for (let at: HTMLElement | null = el; at; at = at.parentElement) {
    const bg = getComputedStyle(at).backgroundColor
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg
  }
  return '#ffffff'
}

function redactSvg(svg: string, redact: Redactor | null): string {
  if (!redact) return svg
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      if (n.parentNode?.nodeName.toLowerCase() !== 'style') n.nodeValue = redact.text(n.nodeValue ?? '')
    } else {
      // Ids and test handles carry addresses too (`cidr/10.0.0.1/32`); geometry and styles do not.
      for (const attr of (n as Element).attributes) {
        if (attr.name !== 'style' && attr.name !== 'd') attr.value = redact.text(attr.value)
      }
    }
  }
  return new XMLSerializer().serializeToString(doc)
}

const SVG_PREFIX = 'data:image/svg+xml;charset=utf-8,'

const SVG_CHILD_PROPERTIES = [
  'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-opacity',
  'fill', 'fill-opacity', 'opacity', 'visibility', 'display', 'color', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline',
]

/**
 * html-to-image copies an inline `<svg>` as it is, without the computed styles of what is inside,
 * and the stylesheet does not travel: React Flow's edge paths (stroked by CSS) would vanish. So the
 * styles of the elements inside each svg are written onto them for the moment of the export and
 * put back exactly as they were right after.
 */
function inlineSvgStyles(root: HTMLElement): () => void {
  const saved: [Element, string | null][] = []
  for (const el of root.querySelectorAll('svg *')) {
    const computed = getComputedStyle(el)
    const style = SVG_CHILD_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';')
    saved.push([el, el.getAttribute('style')])
    el.setAttribute('style', `${style};${el.getAttribute('style') ?? ''}`)
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute('style')
      else el.setAttribute('style', style)
    }
  }
}

/** The SVG document text of the picture shown. */
export async function graphSvg(redact: Redactor | null): Promise<string> {
  const root = exportRoot()
  const restore = inlineSvgStyles(root)
  let url: string
  try {
    url = await toSvg(root, { skipFonts: true, filter: keep, backgroundColor: backgroundOf(root), includeStyleProperties: STYLE_PROPERTIES })
  } finally {
    restore()
  }
  const svg = decodeURIComponent(url.slice(SVG_PREFIX.length))
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + redactSvg(svg, redact)
}

/** The same picture as PNG, at twice the screen's pixels for a sharp print. */
export async function graphPng(redact: Redactor | null): Promise<Blob> {
  const svg = await graphSvg(redact)
  const img = new Image()
  img.src = SVG_PREFIX + encodeURIComponent(svg)
  await img.decode()
  const scale = 2
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('The browser gave no canvas to draw the PNG on.')
  ctx.scale(scale, scale)
  ctx.drawImage(img, 0, 0)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'))
}
