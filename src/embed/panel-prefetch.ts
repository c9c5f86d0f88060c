/**
 * When the script-tag build fetches the panel before the first open: on intent (pointer over,
 * touch on, or focus in the widget), and once the page has loaded and gone idle, so a first tap
 * on a flaky network does not wait for (or fail on) the download.
 * @module
 */

/** After the page's `load`, wait this long and for an idle moment before prefetching. */
const IDLE_DELAY_MS = 2000;
const INTENT_EVENTS = ['pointerover', 'touchstart', 'focusin'] as const;

/**
 * Calls `prefetch` once, on the first sign of intent on `host` or when the page is idle after
 * loading. @returns a function that stops watching.
 * @internal
 */
export function watchPanelIntent(host: HTMLElement, prefetch: () => void): () => void {
  const win = host.ownerDocument.defaultView;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const stop = () => {
    done = true;
    for (const type of INTENT_EVENTS) host.removeEventListener(type, fire);
    win?.removeEventListener('load', afterLoad);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) win?.cancelIdleCallback?.(idle);
  };
  function fire(): void {
    if (done) return;
    stop();
    prefetch();
  }
  function afterLoad(): void {
    timer = setTimeout(() => {
      timer = undefined;
      if (done) return;
      if (win?.requestIdleCallback) idle = win.requestIdleCallback(fire, { timeout: IDLE_DELAY_MS });
      else fire();
    }, IDLE_DELAY_MS);
  }
  for (const type of INTENT_EVENTS) host.addEventListener(type, fire, { passive: true });
  if (host.ownerDocument.readyState === 'complete') afterLoad();
  else win?.addEventListener('load', afterLoad, { once: true });
  return stop;
}
