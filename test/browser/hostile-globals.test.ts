/**
 * Host pages whose CSS and scripts are hostile in other ways, in real Chromium: a CSS reset and
 * inherited styles aimed at everything; built-ins patched the way old libraries and trackers do
 * (Prototype-style `Array.prototype.toJSON`, an enumerable `Object.prototype` key, MooTools-style
 * `Array.from`, wrapped `fetch` / `WebSocket` / `addEventListener`); an AMD loader on the page
 * (RequireJS `define.amd`); a strict CSP (`script-src 'self'`, no inline anything, no eval). In
 * each, the script tag still gives `window.SupportChat`, the widget looks as on a clean page, and a
 * whole exchange with the bot works with no error on the page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();

const widget = () =>
  `<script src="/dist/support-chat.iife.js" data-transport="websocket" data-url="${rig.wsUrl}" data-locale="en" data-title="Bank support"></script>`;

/** Opens the widget, writes to the bot and waits for its answer. */
async function converse(page: Page, text: string): Promise<void> {
  await openAndSend(page, text);
  await expect.poll(() => botRepliesAfter(page, text), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** Computed styles of a few widget parts (inside the shadow root). */
function looks(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('support-chat-host')!.shadowRoot!;
    const pick = (sel: string) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        font: `${s.fontSize} ${s.fontFamily} ${s.fontWeight}`,
        color: s.color,
        spacing: `${s.letterSpacing} ${s.wordSpacing} ${s.lineHeight}`,
        transform: s.textTransform,
        align: s.textAlign,
        visibility: s.visibility,
        size: `${Math.round(r.width)}x${Math.round(r.height)}`,
      };
    };
    return { header: pick('.sc-header'), field: pick('textarea'), send: pick('.sc-send') };
  });
}

async function openOn(html: string, name: string): Promise<{ page: Page; errors: string[] }> {
  const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const { errors } = watchPage(page);
  await page.goto(rig.page(name, html));
  return { page, errors };
}

describe('hostile host pages: styles and globals', () => {
  it('a CSS reset and inherited styles aimed at everything change nothing in the widget', async () => {
    const clean = await openOn(hostPage(widget()), 'clean');
    await converse(clean.page, 'hello');
    const expected = await looks(clean.page);
    await clean.page.close();

    const attack = `<style>
      *, *::before, *::after { all: unset !important; }
      html, body { font: italic 900 31px/4 "Comic Sans MS", cursive !important; color: rgb(255, 0, 0) !important;
        letter-spacing: 9px !important; word-spacing: 20px !important; text-transform: uppercase !important;
        text-align: right !important; white-space: pre !important; visibility: visible; cursor: wait; }
      button, textarea, div { display: inline !important; font-size: 2px !important; }
    </style>`;
    const hostile = await openOn(hostPage(widget(), attack), 'reset');
    await converse(hostile.page, 'hello');
    expect(await looks(hostile.page)).toEqual(expected);
    expect(hostile.errors).toEqual([]);
    await hostile.page.close();
  });

  it('built-ins patched by old libraries and trackers: the widget still works', async () => {
    const patches = `<script src="/gen/patches.js"></script>`;
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { errors } = watchPage(page);
    rig.file(
      'patches.js',
      `// Prototype.js 1.6: arrays serialise through toJSON (JSON.stringify([1]) gives a string).
      Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };
      // An enumerable key on every object (for-in loops see it).
      Object.prototype.trackerId = 'x-123';
      // MooTools 1.2: Array.from that wraps instead of converting iterables.
      Array.from = function (item) { return item == null ? [] : Array.isArray(item) ? item : [item]; };
      // Trackers wrap the network and events.
      var nativeFetch = window.fetch;
      window.fetch = function () { window.__fetches = (window.__fetches || 0) + 1; return nativeFetch.apply(this, arguments); };
      var NativeWS = window.WebSocket;
      window.WebSocket = function (url, protocols) { window.__sockets = (window.__sockets || 0) + 1; return new NativeWS(url, protocols); };
      var add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (type, fn, opts) { return add.call(this, type, fn, opts); };
      Function.prototype.bind = function (self) { var f = this; var a = [].slice.call(arguments, 1); return function () { return f.apply(self, a.concat([].slice.call(arguments))); }; };`,
    );
    await page.goto(rig.page('patched', hostPage(widget(), patches)));
    await converse(page, 'I lost my card');
    expect(await page.evaluate(() => typeof (window as unknown as { SupportChat?: unknown }).SupportChat)).toBe('function');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an AMD loader on the page (define.amd): the script tag still gives window.SupportChat', async () => {
    rig.file(
      'amd.js',
      `window.__defined = [];
      window.define = function () { window.__defined.push(arguments.length); };
      window.define.amd = { jQuery: true };`,
    );
    const { page, errors } = await openOn(hostPage(widget(), '<script src="/gen/amd.js"></script>'), 'amd');
    await converse(page, 'hello');
    expect(await page.evaluate(() => (window as unknown as { __defined: number[] }).__defined)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a strict CSP (script-src 'self', style-src 'self', no inline, no eval): no violation, a whole exchange", async () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${rig.wsUrl.replace(/\/swp.*$/, '')}; base-uri 'none'; form-action 'none'">`;
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { errors } = watchPage(page);
    const violations: string[] = [];
    await page.exposeFunction('__violation', (v: string) => violations.push(v));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violation: (v: string) => void }).__violation(`${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await page.goto(rig.page('csp', hostPage(widget(), csp)));
    await converse(page, 'hello');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
