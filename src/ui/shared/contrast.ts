/**
 * WCAG contrast maths for the theme colours.
 * @module
 */

/** [r, g, b] in 0–255 from "#rgb" or "#rrggbb", or null. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? Array.from(m[1]!, (c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1–21). */
export function contrastRatio(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: [number, number, number] = [255, 255, 255];
const INK: [number, number, number] = [17, 24, 39];

/** The text colour for a `primary` background: white, else near-black, whichever contrasts more. */
export function contrastText(primary: string): string {
  const rgb = parseHex(primary);
  if (!rgb) return '#ffffff';
  return contrastRatio(rgb, WHITE) >= 4.5 || contrastRatio(rgb, WHITE) >= contrastRatio(rgb, INK) ? '#ffffff' : '#111827';
}

/** A focus-ring colour with at least 3:1 against a white surface: the primary if it qualifies. */
export function focusColor(primary: string): string {
  const rgb = parseHex(primary);
  return rgb && contrastRatio(rgb, WHITE) >= 3 ? primary : '#1f2937';
}

/** The primary colour when it is readable as text on white (4.5:1), else a dark ink. */
export function textOnSurface(primary: string): string {
  const rgb = parseHex(primary);
  return rgb && contrastRatio(rgb, WHITE) >= 4.5 ? primary : '#1f2937';
}
