/**
 * Puts the widget's CSS into a shadow root: a constructed stylesheet when the engine supports
 * `adoptedStyleSheets`, else a `<style nonce>` element (for pages with a strict CSP).
 * @module
 */

/** Adds `css` to `root`; returns a function that takes it out again. */
export function adoptStyles(root: ShadowRoot, css: string, nonce?: string): () => void {
  const canAdopt =
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype &&
    Array.isArray((root as { adoptedStyleSheets?: unknown }).adoptedStyleSheets);
  if (canAdopt) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return () => {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    } catch {
      // Some engines expose the API but refuse constructed sheets here: use a <style> element.
    }
  }
  const style = root.ownerDocument.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  root.prepend(style);
  return () => style.remove();
}
