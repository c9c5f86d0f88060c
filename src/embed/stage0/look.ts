/**
 * What stage 0 reads from the boot options (or the script tag's data attributes): how the
 * launcher looks and when the engine is wanted. It checks nothing: the engine validates the
 * same options when it boots and reports a bad one; stage 0 falls back to the defaults.
 * @module
 */
import { type Labels, labelsFor, pickLanguage } from './labels';

/** The launcher's look. */
export interface Look {
  lang: string;
  dir: 'ltr' | 'rtl';
  position: 'bottom-right' | 'bottom-left';
  offset: { x: number; y: number };
  primaryColor?: string;
  zIndex: number;
  colorScheme: 'light' | 'dark' | 'auto';
  nonce?: string;
  /** Where the host goes (the `target` option); null for under `<html>`. */
  target: HTMLElement | null;
}

/** What stage 0 does with one widget's options. */
export interface Plan {
  look: Look;
  labels: Labels;
  /** Draw our launcher (not with `launcher: false` or inline mode). */
  launcher: boolean;
  /** Fetch the engine at once: inline mode, or open at start. */
  now: boolean;
  /** Fetch the engine in idle time (`preload: true`). */
  preload: boolean;
  /** The widget's storage namespace parts, for the marker (none with `storage: 'memory'`). */
  marker: { id: string; user: string | undefined } | null;
  greeting: { text: string; delayMs: number } | null;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const isElement = (v: unknown): v is HTMLElement => typeof v === 'object' && v !== null && (v as Node).nodeType === 1;

/** The plan for `o` (boot's options). */
export function planOf(o: Record<string, unknown>, nav: readonly string[]): Plan {
  const lang = pickLanguage(o.locale, o.locale ? [] : nav, o.locales);
  const offset = (typeof o.offset === 'object' && o.offset ? o.offset : {}) as Record<string, unknown>;
  const scheme = o.colorScheme === 'light' || o.colorScheme === 'dark' ? o.colorScheme : 'auto';
  const user = (typeof o.user === 'object' && o.user ? o.user : {}) as Record<string, unknown>;
  const g = (typeof o.greeting === 'object' && o.greeting ? o.greeting : null) as Record<string, unknown> | null;
  const inline = isElement(o.inline);
  return {
    look: {
      lang,
      dir: lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr',
      position: o.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
      offset: { x: num(offset.x, 20), y: num(offset.y, 20) },
      ...(typeof o.primaryColor === 'string' ? { primaryColor: o.primaryColor } : {}),
      zIndex: num(o.zIndex, 2147483647),
      colorScheme: scheme,
      ...(typeof o.nonce === 'string' ? { nonce: o.nonce } : {}),
      target: isElement(o.target) ? o.target : null,
    },
    labels: labelsFor(lang, o.strings),
    launcher: !inline && o.launcher !== false,
    now: inline || o.open === true,
    preload: o.preload === true,
    marker:
      o.storage === 'memory'
        ? null
        : { id: typeof o.id === 'string' ? o.id : 'default', user: typeof user.id === 'string' ? user.id : undefined },
    greeting: g && typeof g.text === 'string' && g.text ? { text: g.text, delayMs: Math.max(0, num(g.delayMs, 0)) } : null,
  };
}

/** Boot options from the script tag's data attributes, as far as stage 0 needs them. */
export function tagOptions(script: HTMLScriptElement): Record<string, unknown> {
  const d = script.dataset;
  const n = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    locale: d.locale,
    position: d.position,
    primaryColor: d.primaryColor,
    colorScheme: d.colorScheme,
    offset: { x: n(d.offsetX), y: n(d.offsetY) },
    zIndex: n(d.zIndex),
    open: d.open !== undefined && d.open !== 'false',
    launcher: d.launcher !== 'false',
    preload: d.preload !== undefined && d.preload !== 'false',
    nonce: script.nonce || d.nonce,
    ...(d.greeting ? { greeting: { text: d.greeting, delayMs: n(d.greetingDelay) } } : {}),
  };
}
