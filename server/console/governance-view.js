// The console's audit log and "Erase customer data" (supervisors only; issue 10 items 2 and 6).
// The server answers `audit.list`, `audit.export` and `gov.erase` for supervisors and refuses
// operators, so the view shows itself only once a first `audit.list` is answered. Untrusted text
// is only ever set with textContent. Plain ES module, no build step.
import { applyStrings, lang, t } from './i18n.js';
import './strings-governance.js';

const ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'preview',
  'view',
  'accept',
  'transfer',
  'close',
  'export',
  'erase',
  'search',
  'note',
  'account',
  'audit_export',
  'retention',
];
const PAGE = 50;
const $ = (id) => document.getElementById(id);

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text ?? '';
  return td;
}

function row(e) {
  const tr = document.createElement('tr');
  tr.className = `gov-row gov-action-${e.action}`;
  const who = e.actorName ? `${e.actorName} (${e.actorRole ?? ''}, ${e.actorId})` : e.actorId;
  tr.append(
    cell(new Date(e.at).toLocaleString(lang)),
    cell(who),
    cell(e.action, 'gov-action'),
    cell(e.conversationId, 'gov-id'),
    cell(e.userKey, 'gov-id'),
    cell(e.detail),
  );
  return tr;
}

function save(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function countsText(counts) {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : '0';
}

/**
 * Wires the audit log view and the erasure form.
 * @param {(frame: object) => Promise<object>} request sends a frame on the console's socket; resolves with its `ack`.
 * @returns {{ connected(): void }} call `connected()` after each `welcome`.
 */
export function setupGovernance(request) {
  const root = $('governance');
  const openButton = $('btn-governance');
  if (!root || !openButton) return { connected() {} };
  applyStrings(root);
  openButton.textContent = t('gov.open');
  const select = $('gov-action');
  for (const a of ACTIONS) {
    const o = document.createElement('option');
    o.value = a;
    o.textContent = a;
    select.append(o);
  }
  let next;

  const filter = () => {
    const f = {};
    const actor = $('gov-actor').value.trim();
    const conversationId = $('gov-conversation').value.trim();
    if (actor) f.actor = actor;
    if (conversationId) f.conversationId = conversationId;
    if (select.value) f.action = select.value;
    return f;
  };

  const load = async (more) => {
    $('gov-error').textContent = '';
    try {
      const ack = await request({ t: 'audit.list', limit: PAGE, ...filter(), ...(more && next ? { before: next } : {}) });
      const body = $('gov-rows');
      if (!more) body.replaceChildren();
      for (const e of ack.entries) body.append(row(e));
      $('gov-empty').hidden = body.childElementCount > 0;
      next = ack.next;
      $('gov-more').hidden = next === undefined;
    } catch (e) {
      $('gov-error').textContent = t('gov.failed', { message: e.message });
    }
  };

  const show = (open) => {
    root.hidden = !open;
    $('app').hidden = open;
    if (open) void load(false);
  };

  openButton.addEventListener('click', () => show(true));
  $('gov-back').addEventListener('click', () => show(false));
  $('gov-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    void load(false);
  });
  $('gov-more').addEventListener('click', () => void load(true));
  setupCsvExport(request, filter, () => load(false));
  setupErase(request, () => load(false));

  return {
    connected() {
      request({ t: 'audit.list', limit: 1 })
        .then(
          () => {
            openButton.hidden = false;
          },
          () => {
            openButton.hidden = true;
            if (!root.hidden) show(false);
          },
        )
        .finally(() => {
          openButton.dataset.checked = 'true';
        });
    },
  };
}

function setupCsvExport(request, filter, reload) {
  $('gov-export').addEventListener('click', async () => {
    $('gov-error').textContent = '';
    try {
      const ack = await request({ t: 'audit.export', ...filter() });
      save(ack.csv, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
      void reload();
    } catch (e) {
      $('gov-error').textContent = t('gov.failed', { message: e.message });
    }
  });
}

function setupErase(request, reload) {
  const form = $('gov-erase');
  const confirmRow = $('gov-erase-confirm-row');
  const result = $('gov-erase-result');
  const reset = () => {
    confirmRow.hidden = true;
    $('gov-erase-start').hidden = false;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.textContent = '';
    confirmRow.hidden = false;
    $('gov-erase-start').hidden = true;
    $('gov-erase-confirm').focus();
  });
  $('gov-erase-cancel').addEventListener('click', reset);
  $('gov-erase-confirm').addEventListener('click', async () => {
    const kind = $('gov-erase-kind').value;
    const value = $('gov-erase-value').value.trim();
    reset();
    try {
      const ack = await request({ t: 'gov.erase', [kind]: value });
      result.textContent = t('gov.erase.done', { key: ack.erased.key, counts: countsText(ack.erased.counts) });
      $('gov-erase-value').value = '';
      void reload();
    } catch (e) {
      result.textContent = t('gov.erase.failed', { message: e.message });
    }
  });
}
