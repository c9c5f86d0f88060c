/**
 * Unguessable ids from the platform CSPRNG (crypto.randomUUID, else getRandomValues).
 * Never Math.random: ids are idempotency keys and session secrets.
 * @module
 */

interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

function platformCrypto(): CryptoLike {
  const c = (globalThis as { crypto?: CryptoLike }).crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new Error('support-chat: crypto.getRandomValues is required');
  }
  return c;
}

/** RFC 4122 version-4 UUID (122 random bits). */
export function createId(): string {
  const c = platformCrypto();
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // randomUUID throws in insecure contexts on some engines: fall through.
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Client id for an outgoing message. */
export function createClientId(): string {
  return `c_${createId()}`;
}
