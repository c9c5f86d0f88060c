/**
 * Keeps the full-screen (mobile) panel inside the visual viewport, so the on-screen keyboard
 * never covers the composer. Writes two custom properties through the CSSOM.
 * @module
 */

/** Starts following `window.visualViewport`; returns the function that stops. */
export function followVisualViewport(root: HTMLElement): () => void {
  const view = root.ownerDocument.defaultView;
  const vv = view?.visualViewport;
  if (!vv) return () => undefined;
  const sync = () => {
    root.style.setProperty('--sc-vv-height', `${Math.round(vv.height)}px`);
    root.style.setProperty('--sc-vv-top', `${Math.round(vv.offsetTop)}px`);
  };
  sync();
  vv.addEventListener('resize', sync);
  vv.addEventListener('scroll', sync);
  return () => {
    vv.removeEventListener('resize', sync);
    vv.removeEventListener('scroll', sync);
  };
}
