/**
 * Keeps the marker stage 0 reads (`./stage0/marker`) true: whether the person wrote in the
 * conversation this browser keeps, and the unread count. At start the engine takes the unread
 * count the marker kept (the badge stage 0 showed stays until the messages are seen).
 * @module
 */
import { effect } from '@preact/signals-core';
import type { Chat } from '../core/chat';
import { markerKey, readMarker } from './stage0/marker';

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Writes the marker of `namespace` whenever it changes; returns the function that stops. */
export function watchMarker(chat: Chat, namespace: string): () => void {
  const key = markerKey(namespace);
  const kept = readMarker(namespace).u;
  if (kept > 0) chat.syncUnread(kept);
  let wrote = false;
  let last = '';
  return effect(() => {
    const s = chat.state;
    // Cheap while true: the scan stops at the person's first message.
    wrote ||= s.messages.value.some((m) => m.from.role === 'user');
    const value = JSON.stringify({ c: wrote, u: s.unread.value });
    if (value === last) return;
    last = value;
    try {
      if (!wrote && s.unread.peek() === 0) store()?.removeItem(key);
      else store()?.setItem(key, value);
    } catch {
      // Storage full or blocked: stage 0 then just shows no badge.
    }
  });
}

/** Forgets the marker (logout). */
export function clearMarker(namespace: string): void {
  try {
    store()?.removeItem(markerKey(namespace));
  } catch {
    // Blocked storage holds no marker either.
  }
}
