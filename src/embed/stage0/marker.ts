/**
 * The small marker the engine keeps in localStorage for stage 0, per widget namespace: whether
 * this browser has a conversation the person wrote in, and the unread count. Stage 0 reads it
 * to draw the badge and to fetch the engine in idle time for a returning visitor.
 * @module
 */

/** What the marker says. */
export interface Marker {
  /** The person wrote in a conversation this browser keeps. */
  c: boolean;
  /** Unread messages. */
  u: number;
}

/** localStorage key of the marker of a widget namespace (see `storageNamespace`). */
export const markerKey = (namespace: string): string => `${namespace}:marker`;

/** The namespace of a widget, as `storageNamespace` makes it (site, user or anonymous, id). */
export const namespaceOf = (host: string, userId: string | undefined, id: string): string =>
  `support-chat:v1:${host}:${userId ?? 'anon'}:${id}`;

/** Reads the marker; nothing (or anything unreadable) is "no conversation, nothing unread". */
export function readMarker(namespace: string): Marker {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(markerKey(namespace)) ?? 'null') as Partial<Marker> | null;
    const u = Number(raw?.u);
    return { c: raw?.c === true, u: Number.isInteger(u) && u > 0 ? u : 0 };
  } catch {
    return { c: false, u: 0 };
  }
}
