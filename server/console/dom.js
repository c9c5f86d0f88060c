// DOM helpers of the console: untrusted text only ever becomes text nodes.
export { el } from './queue-view.js';

/** The element of an id. */
export const $ = (id) => document.getElementById(id);

/** An http(s) URL, else null. */
export function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "45s", "3m", "1h 5m". */
export function ago(seconds) {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

/** Reads a JSON value from localStorage (null when absent or blocked). */
export function loadLocal(key, fallback) {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : JSON.parse(v);
  } catch {
    return fallback;
  }
}

/** Writes a JSON value to localStorage (ignored when blocked). */
export function saveLocal(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage blocked: remembered for this page only
  }
}
