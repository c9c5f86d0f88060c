/**
 * Small display helpers: file sizes, middle-truncated file names, initials.
 * @module
 */
import type { I18n } from '../../i18n';

/** "512 B", "1.5 KB", "12 MB" in the widget's language. */
export function formatBytes(bytes: number, i18n: I18n): string {
  const n = Math.max(0, bytes);
  const fmt = (v: number) => i18n.formatNumber(v, { maximumFractionDigits: v < 10 ? 1 : 0 });
  if (n < 1024) return i18n.t('size.bytes', { size: fmt(n) });
  if (n < 1024 * 1024) return i18n.t('size.kilobytes', { size: fmt(n / 1024) });
  return i18n.t('size.megabytes', { size: fmt(n / (1024 * 1024)) });
}

/** Shortens a file name in the middle, keeping its extension: "very-long-na….pdf". */
export function truncateMiddle(name: string, max = 26): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 8 ? Array.from(name.slice(dot)) : [];
  const keep = Math.max(1, max - ext.length - 1);
  const head = Math.ceil(keep * 0.6);
  const stem = chars.slice(0, chars.length - ext.length);
  return `${stem.slice(0, head).join('')}…${stem.slice(stem.length - (keep - head)).join('')}${ext.join('')}`;
}

/** First letter of a display name, upper-cased, or "" when there is none. */
export function initial(name: string | undefined): string {
  const first = Array.from((name ?? '').trim())[0];
  return first ? first.toLocaleUpperCase() : '';
}

/** Up to two initials of a display name ("Anna Petrova" → "AP"), upper-cased, or "" when there is none. */
export function initials(name: string | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => initial(w))
    .join('');
}
