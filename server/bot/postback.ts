/**
 * Postback values the bot puts on its buttons and routes on when they come back.
 * They are untrusted on the way back: anything unknown parses to `null`.
 * @module
 */

/** A decoded postback. */
export type Postback =
  | { type: 'menu' }
  | { type: 'handoff' }
  | { type: 'node'; id: string }
  | { type: 'flow'; id: string }
  | { type: 'confirm'; id: string }
  | { type: 'cancel'; id: string };

const WITH_ID = ['node', 'flow', 'confirm', 'cancel'] as const;

/** Encodes a postback as the `value` of an action. */
export function encodePostback(postback: Postback): string {
  return 'id' in postback ? `${postback.type}:${postback.id}` : postback.type;
}

/** Decodes an action value; `null` when it is not one of ours. */
export function decodePostback(value: string): Postback | null {
  if (value === 'menu' || value === 'handoff') return { type: value };
  const colon = value.indexOf(':');
  if (colon < 0) return null;
  const type = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (id === '' || id.length > 100) return null;
  const known = WITH_ID.find((t) => t === type);
  return known ? { type: known, id } : null;
}
