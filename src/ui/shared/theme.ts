/**
 * Applies the theme tokens from the config to the host element through the CSSOM
 * (`style.setProperty`, never a `style=""` string), and removes them again.
 * @module
 */
import { contrastText, focusColor, parseHex, textOnSurface } from './contrast';

/** The config fields that become CSS custom properties. */
export interface ThemeInput {
  primaryColor?: string;
  offset: { x: number; y: number };
  zIndex: number;
}

const px = (n: number) => `${Math.round(Number.isFinite(n) ? n : 0)}px`;

/** Sets `--sc-*` tokens on `host`; returns a function that removes them. */
export function applyTheme(host: HTMLElement, input: ThemeInput): () => void {
  const tokens: Record<string, string> = {
    '--sc-offset-x': px(input.offset.x),
    '--sc-offset-y': px(input.offset.y),
    '--sc-z': String(Math.trunc(Number.isFinite(input.zIndex) ? input.zIndex : 2147483000)),
  };
  const primary = input.primaryColor && parseHex(input.primaryColor) ? input.primaryColor : undefined;
  if (primary) {
    tokens['--sc-primary'] = primary;
    tokens['--sc-primary-contrast'] = contrastText(primary);
    tokens['--sc-focus'] = focusColor(primary);
    tokens['--sc-primary-text'] = textOnSurface(primary);
  }
  for (const [name, value] of Object.entries(tokens)) host.style.setProperty(name, value);
  return () => {
    for (const name of Object.keys(tokens)) host.style.removeProperty(name);
    if (host.getAttribute('style') === '') host.removeAttribute('style');
  };
}
