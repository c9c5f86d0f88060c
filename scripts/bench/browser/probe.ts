/**
 * What the browser benchmark injects into every page before its own scripts (addInitScript):
 * a long-task observer, the frame in which the launcher (and later the dialog, a message) is first
 * visible, timestamps of the SWP `send` frames and their `ack`s, and helpers the driver calls as
 * `window.__bench.*`. Plain JavaScript in a string, so nothing of the Node build leaks into the page.
 * Everything is found by behaviour (a shadow root, a button named "… chat", `role="dialog"`,
 * `role="log"`, the seeded "msg N:" texts), never by the widget's class names or file names.
 * @module
 */
export const PROBE = String.raw`(() => {
  if (window.__bench) return;
  const B = (window.__bench = { lt: [], sends: [], acks: {}, sockets: 0, launcherAt: null, loadPaintAt: null, downAt: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        B.lt.push([e.startTime, e.duration]);
        // Also out to the driver as they come, so a page stuck in long tasks is still measured.
        if (window.__benchLongTask) window.__benchLongTask(e.startTime, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  addEventListener('load', () => requestAnimationFrame(() => (B.loadPaintAt = performance.now())));
  addEventListener('pointerdown', (e) => (B.downAt = e.timeStamp), true);
  addEventListener('keydown', (e) => { if (e.key === 'Enter') B.enterAt = e.timeStamp; }, true);
  const WS = window.WebSocket;
  if (WS) {
    const send = WS.prototype.send;
    WS.prototype.send = function (data) {
      if (typeof data === 'string' && data.indexOf('"t":"send"') >= 0) {
        try { const f = JSON.parse(data); B.sends.push({ id: f.id, text: f.text, at: performance.now() }); } catch (e) {}
      }
      return send.call(this, data);
    };
    window.WebSocket = class extends WS {
      constructor(...args) {
        super(...args);
        B.sockets++;
        this.addEventListener('message', (e) => {
          if (typeof e.data !== 'string' || e.data.indexOf('"ack"') < 0) return;
          try { const f = JSON.parse(e.data); if (f.t === 'ack' && f.ref) B.acks[f.ref] = performance.now(); } catch (err) {}
        });
      }
    };
  }
  const shown = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  B.root = () => {
    const h = document.querySelector('support-chat-host');
    if (h && h.shadowRoot) return h.shadowRoot;
    for (const el of document.querySelectorAll('body *, html > *')) if (el.shadowRoot) return el.shadowRoot;
    return null;
  };
  B.launcher = () => {
    const r = B.root();
    if (!r) return null;
    for (const b of r.querySelectorAll('button')) if (/chat/i.test(b.getAttribute('aria-label') || b.textContent || '') && shown(b)) return b;
    return null;
  };
  B.dialog = () => { const r = B.root(); const d = r && r.querySelector('[role="dialog"]'); return shown(d) ? d : null; };
  B.log = () => { const r = B.root(); return r && r.querySelector('[role="log"]'); };
  const MARK = /msg (\d+):/;
  // The first (or last) rendered seeded message: its number and element.
  B.edgeMessage = (last) => {
    const log = B.log();
    if (!log) return null;
    const w = document.createTreeWalker(log, NodeFilter.SHOW_TEXT);
    let node = last ? w.lastChild() : w.firstChild();
    for (let i = 0; node && i < 2000; i++) {
      const m = MARK.exec(node.data);
      if (m) return { n: Number(m[1]), el: node.parentElement };
      node = last ? w.previousNode() : w.nextNode();
    }
    return null;
  };
  B.findMessage = (n) => {
    const log = B.log();
    if (!log) return null;
    const w = document.createTreeWalker(log, NodeFilter.SHOW_TEXT);
    for (let node = w.nextNode(); node; node = w.nextNode()) if (node.data.indexOf('msg ' + n + ':') >= 0) return node.parentElement;
    return null;
  };
  B.inView = (el) => {
    const log = B.log();
    if (!el || !log || !shown(el)) return false;
    const a = el.getBoundingClientRect(), b = log.getBoundingClientRect();
    return a.bottom > b.top && a.top < b.bottom;
  };
  B.scroller = () => {
    const log = B.log();
    for (let el = log; el && el.nodeType === 1; el = el.parentElement) if (el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY)) return el;
    if (log) for (const el of log.querySelectorAll('*')) if (el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY)) return el;
    return log;
  };
  // Seeded messages rendered (distinct "msg N:" in the log).
  B.messageCount = () => { const log = B.log(); if (!log) return 0; const seen = new Set(); for (const m of log.textContent.matchAll(/msg (\d+):/g)) seen.add(m[1]); return seen.size; };
  // Shadow-inclusive count of every node of the document.
  B.nodes = () => {
    let n = 0;
    const walk = (root) => { const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL); for (let x = w.currentNode; x; x = w.nextNode()) { n++; if (x.shadowRoot) walk(x.shadowRoot); } };
    walk(document);
    return n;
  };
  // Resolves with performance.now() of the first frame in which check() holds (null after timeoutMs).
  B.frameWhen = (check, timeoutMs) => new Promise((resolve) => {
    const t0 = performance.now();
    const tick = () => {
      let ok = false;
      try { ok = !!check(); } catch (e) {}
      if (ok) return resolve(performance.now());
      if (performance.now() - t0 > timeoutMs) return resolve(null);
      requestAnimationFrame(tick);
    };
    tick();
  });
  B.newestShown = (n) => { const m = B.edgeMessage(true); return !!(B.dialog() && m && m.n >= n && B.inView(m.el)); };
  // One step up: scroll to the top (pressing a "… earlier" button when there is one) until an older message is rendered.
  B.scrollStep = async (timeoutMs) => {
    const sc = B.scroller();
    const before = B.edgeMessage(false);
    if (!sc || !before) return null;
    sc.scrollTop = 0;
    const y0 = before.el.getBoundingClientRect().top;
    const t0 = performance.now();
    let pressed = false;
    const at = await B.frameWhen(() => {
      if (!pressed) {
        for (const b of B.log().querySelectorAll('button')) if (/earlier/i.test(b.textContent) && !b.disabled) { b.click(); pressed = true; }
      }
      const top = B.edgeMessage(false);
      return top && top.n < before.n;
    }, timeoutMs);
    if (at === null) return { ms: null, from: before.n };
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const el = B.findMessage(before.n);
    const top = B.edgeMessage(false);
    return { ms: at - t0, t0, from: before.n, to: top ? top.n : null, drift: el ? Math.round(el.getBoundingClientRect().top - y0) : null };
  };
  requestAnimationFrame(function watch() {
    if (B.launcher()) B.launcherAt = performance.now();
    else if (performance.now() < 60000) requestAnimationFrame(watch);
  });
})();`;
