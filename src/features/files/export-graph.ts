/**
 * The picture shown (cluster map or policy focus) as SVG and PNG, made in the page by html-to-image:
 * the DOM serialised into an SVG foreignObject, so labels stay text the serialiser escapes (a label
 * with markup is shown, never run). No fonts are embedded (the app uses system fonts) and nothing
 * is fetched, so it works offline and under the CSP. Redaction rewrites the SVG's text nodes; the
 * PNG is drawn from that same SVG, so both carry the same stand-ins.
 */
import { toSvg } from 'html-to-image'
import type { Redactor } from '../../domain/files/redact.ts'

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
      const el = n as Element
      for (const attr of ['title', 'aria-label', 'data-id', 'data-label']) {
        const v = el.getAttribute(attr)
        if (v !== null) el.setAttribute(attr, redact.text(v))
      }
    }
  }
  return new XMLSerializer().serializeToString(doc)
}

const SVG_PREFIX = 'data:image/svg+xml;charset=utf-8,'

/** The SVG document text of the picture shown. */
export async function graphSvg(redact: Redactor | null): Promise<string> {
  const root = exportRoot()
  const url = await toSvg(root, { skipFonts: true, filter: keep, backgroundColor: backgroundOf(root) })
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
