// Transcript export from the operator console (ending): the "Export" button of the selected
// conversation fetches GET /swp/v1/operator/conversations/:id/transcript with the console's
// bearer token (the one the operator WebSocket's welcome gave it, as uploads use) and saves the
// answer through a Blob and an <a download>. Plain ES module, no build step.

import { t } from './i18n.js';

/** The file name from a Content-Disposition header, or null. */
function fileNameOf(header) {
  const m = /filename="([^"]+)"/.exec(header || '');
  return m ? m[1] : null;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Wires the export controls.
 * @param {{ button: HTMLButtonElement, format: HTMLSelectElement, error: HTMLElement,
 *   conversation: () => string | null, token: () => string }} o
 */
export function setupExport(o) {
  o.button.addEventListener('click', async () => {
    const id = o.conversation();
    if (!id) return;
    o.error.textContent = '';
    o.button.disabled = true;
    o.button.setAttribute('aria-busy', 'true');
    try {
      const query = new URLSearchParams({ format: o.format.value });
      const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz) query.set('tz', tz);
      const res = await fetch(`/swp/v1/operator/conversations/${encodeURIComponent(id)}/transcript?${query}`, {
        headers: { Authorization: `Bearer ${o.token()}` },
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new Error(body.message || `export failed (${res.status})`);
      }
      save(await res.blob(), fileNameOf(res.headers.get('content-disposition')) || `transcript.${o.format.value}`);
    } catch (e) {
      o.error.textContent = t('export.failed', { message: e.message });
    } finally {
      o.button.disabled = false;
      o.button.removeAttribute('aria-busy');
    }
  });
}
