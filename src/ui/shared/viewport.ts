/**
 * Keeps the launcher and the full-screen (phone) dialog inside the visual viewport: what the
 * person sees, not the layout viewport (wider than the screen on a page that overflows sideways,
 * shorter when the on-screen keyboard is up). Writes four custom properties through the CSSOM on
 * every visual-viewport resize and scroll; the CSS places the launcher's corner and the dialog's
 * box from them.
 * @module
 */

/**
 * Viewports below this width, or this short (a phone held sideways), get the full-screen, modal
 * dialog. The same query is in styles/panel.css.
 */
export const NARROW_QUERY = '(max-width: 639.98px), (max-height: 479.98px)';

/** Starts following `window.visualViewport`; returns the function that stops. */
export function followVisualViewport(root: HTMLElement): () => void {
  const view = root.ownerDocument.defaultView;
  const vv = view?.visualViewport;
  if (!vv) return () => undefined;
  root.classList.add('sc-root--vv');
  const sync = () => {
    root.style.setProperty('--sc-vv-left', `${vv.offsetLeft}px`);
    root.style.setProperty('--sc-vv-top', `${vv.offsetTop}px`);
    root.style.setProperty('--sc-vv-width', `${vv.width}px`);
    root.style.setProperty('--sc-vv-height', `${vv.height}px`);
  };
  sync();
  vv.addEventListener('resize', sync);
  vv.addEventListener('scroll', sync);
  return () => {
    vv.removeEventListener('resize', sync);
    vv.removeEventListener('scroll', sync);
  };
}
