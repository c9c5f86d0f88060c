/**
 * Script URLs through the `support-chat` Trusted Types policy (created once per page, by stage 0;
 * the engine loads its stage files through the same one, since a page may allow the name only
 * once). Pages without Trusted Types get the string.
 * @module
 */
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}
let policy: { createScriptURL(url: string): string } | null | undefined;

/** `url` as a page enforcing Trusted Types accepts it. */
export function scriptUrl(url: string): string {
  if (policy === undefined) {
    const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    try {
      policy = tt ? tt.createPolicy('support-chat', { createScriptURL: (u) => u }) : null;
    } catch {
      policy = null;
    }
  }
  return policy ? policy.createScriptURL(url) : url;
}
