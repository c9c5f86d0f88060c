/**
 * The `client` object of `hello`: SDK version, locale and the browser's time zone (so the server
 * writes "back tomorrow at 09:00" in the customer's own clock).
 * @module
 */
import type { HelloFrame } from './frames';

const SDK_VERSION = typeof __SC_VERSION__ === 'string' ? __SC_VERSION__ : 'dev';

/** What `hello` says about this client. */
export function clientInfo(locale: string): HelloFrame['client'] {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // No Intl time zone support: the server writes its own zone's name instead.
  }
  return { sdk: SDK_VERSION, locale, ...(timeZone ? { timeZone } : {}) };
}
