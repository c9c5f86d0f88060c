/**
 * Resolves the colour scheme onto the widget root (`data-scheme="light" | "dark"`), following
 * the system setting when the config says "auto".
 * @module
 */

/** Sets `data-scheme` on `root` and keeps it in sync; returns the function that stops. */
export function followColorScheme(root: HTMLElement, scheme: 'light' | 'dark' | 'auto'): () => void {
  const view = root.ownerDocument.defaultView;
  const query = scheme === 'auto' && typeof view?.matchMedia === 'function' ? view.matchMedia('(prefers-color-scheme: dark)') : null;
  const apply = () => root.setAttribute('data-scheme', query ? (query.matches ? 'dark' : 'light') : scheme === 'dark' ? 'dark' : 'light');
  apply();
  query?.addEventListener('change', apply);
  return () => query?.removeEventListener('change', apply);
}
