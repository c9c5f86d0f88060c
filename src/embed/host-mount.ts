/**
 * Where the widget's host element lives. By default under `<html>`, beside the body: replacing
 * the body (Turbo-style navigation) does not take it, and a transform, filter or `contain` on the
 * body does not become its containing block, so the launcher stays in the viewport's corner.
 * If the page removes it anyway (rewrites `<html>`, replaces the root element), it is put back
 * in the same task (a MutationObserver runs before the next frame) with its shadow root, state and
 * connection untouched. A host given a `target` (or inline mode) stays where the page put it.
 * @module
 */

/**
 * Appends `host` to `target`, or keeps it under the document's root element; returns the function
 * that removes it for good. A host already in place (stage 0's, adopted by the engine) is not
 * moved, so focus inside it stays.
 */
export function attachHost(host: HTMLElement, doc: Document, target: HTMLElement | null): () => void {
  if (target) {
    if (host.parentNode !== target) target.appendChild(host);
    return () => host.remove();
  }
  if (host.parentNode !== doc.documentElement) doc.documentElement.appendChild(host);
  const stop = keepAttached(host, doc);
  return () => {
    stop();
    host.remove();
  };
}

/** Puts `host` back under the root element whenever the page takes it away; returns the function that stops. */
export function keepAttached(host: HTMLElement, doc: Document): () => void {
  const Observer = (doc.defaultView ?? globalThis).MutationObserver;
  if (typeof Observer !== 'function') return () => undefined;
  let root = doc.documentElement;
  const observer = new Observer(() => {
    if (doc.documentElement && doc.documentElement !== root) {
      root = doc.documentElement;
      observer.observe(root, { childList: true });
    }
    if (!host.isConnected && doc.documentElement) doc.documentElement.appendChild(host);
  });
  observer.observe(doc, { childList: true });
  observer.observe(root, { childList: true });
  return () => observer.disconnect();
}
