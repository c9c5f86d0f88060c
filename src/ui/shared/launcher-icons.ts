/**
 * The launcher's two icons (chat, close) as plain DOM: the engine's launcher and stage 0 draw
 * them from here, without the path data of every other icon.
 * @module
 */
export const LAUNCHER_PATHS = {
  chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v9a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 3.6V17A2.5 2.5 0 0 1 4 14.5z',
  close: 'M6 6l12 12M18 6L6 18',
} as const;

const SVG = 'http://www.w3.org/2000/svg';

/** Attributes every icon's `<svg>` has: a stroked, decorative 24×24 drawing. */
export const ICON_ATTRS = {
  viewBox: '0 0 24 24',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
  focusable: 'false',
} as const;

/** The same icon as `Icon`, built with the DOM (for the launcher, which has no preact). */
export function createIcon(doc: Document, name: keyof typeof LAUNCHER_PATHS, size: number, filled = false): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  const attrs: Record<string, string> = {
    ...ICON_ATTRS,
    class: 'sc-icon',
    width: String(size),
    height: String(size),
    fill: filled ? 'currentColor' : 'none',
  };
  for (const key in attrs) svg.setAttribute(key, attrs[key]!);
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', LAUNCHER_PATHS[name]);
  svg.append(path);
  return svg;
}
