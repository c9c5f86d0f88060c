/**
 * What the widgets of one page hold for themselves: their ids (a second widget with the same id
 * is refused) and the transports they were given (a transport serves one widget, once). Kept on
 * `globalThis` under a registered symbol, so two copies of the package on a page (the npm build
 * and the script tag) see each other. Released synchronously by `destroy()`, so a framework's
 * remount (create, destroy, create at once) gets the same id back.
 * @module
 */
import { OptionError } from '../core/errors';
import type { Transport } from '../core/transport';

interface Registry {
  ids: Set<string>;
  transports: WeakSet<Transport>;
}

const KEY = Symbol.for('support-chat.page-registry');

function registry(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  g[KEY] ??= { ids: new Set(), transports: new WeakSet() };
  return g[KEY];
}

/**
 * Claims `id` and `transport` for a new widget; returns the release function.
 * @throws OptionError when a live widget has this id, or the transport was given to a widget before.
 */
export function claimWidget(id: string, transport: Transport): () => void {
  const r = registry();
  if (r.ids.has(id)) {
    throw new OptionError('id', `a widget with id "${id}" is already on this page: destroy() it first, or give the second one another id`);
  }
  if (r.transports.has(transport)) {
    throw new OptionError(
      'transport',
      'this transport was already given to a widget (a transport serves one widget once): pass a factory, e.g. transport: () => createWebSocketTransport({ url })',
    );
  }
  r.ids.add(id);
  r.transports.add(transport);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    r.ids.delete(id);
  };
}
