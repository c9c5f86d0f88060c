// Who is online: the operators signed in, on this server process and on the others (presence on the
// bus carries names; a process that sends ids only adds to a count). Asked again whenever the queue's count changes.
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

/** The last answer of `desk.online`. */
export const online = { operators: [], remote: 0 };
let lastCount = -1;

async function refresh() {
  try {
    const r = await app.request({ t: 'desk.online' });
    online.operators = r.operators;
    online.remote = r.remoteOperators;
  } catch {
    return;
  }
  $('online-count').textContent = String(online.operators.length + online.remote);
  $('online-list').replaceChildren(
    ...online.operators.map((o) =>
      el(
        'li',
        '',
        el('bdi', '', o.name),
        o.id === state.me?.id ? ` ${t('online.you')}` : '',
        o.role === 'supervisor' ? ` · ${t('online.supervisor')}` : '',
        o.consoles > 1 ? ` · ${t('online.consoles', { n: o.consoles })}` : '',
      ),
    ),
  );
  $('online-remote').textContent = online.remote ? t('online.remote', { n: online.remote }) : '';
  app.emit('online', online);
}

/** Wires the online list. */
export function setupOnline() {
  app.on('welcome', () => {
    lastCount = -1;
    void refresh();
  });
  app.on('queue', (q) => {
    if (q.operatorsOnline === lastCount) return;
    lastCount = q.operatorsOnline;
    void refresh();
  });
  $('btn-online').addEventListener('click', () => {
    void refresh();
    $('online-dialog').showModal();
  });
}
