// Demo page controller: builds the widget from the settings form (kept in the URL), so QA can
// switch segment, language, theme and transport. No inline script: the page runs under a strict CSP.
(function () {
  'use strict';
  var SC = window.SupportChat;
  var form = document.getElementById('settings');
  var statusLine = document.getElementById('status');
  var widget = null;
  var params = new URLSearchParams(location.search);

  for (let i = 0; i < form.elements.length; i++) {
    const el = form.elements[i];
    if (!el.name || !params.has(el.name)) continue;
    if (el.type === 'checkbox') el.checked = params.get(el.name) === '1';
    else el.value = params.get(el.name);
  }

  function settings() {
    var f = new FormData(form);
    return {
      segment: f.get('segment'),
      locale: f.get('locale'),
      transport: f.get('transport'),
      scheme: f.get('scheme'),
      color: f.get('color'),
      position: f.get('position'),
      signedIn: f.get('signedIn') === 'on',
      backendUrl: String(f.get('backendUrl') || '').trim(),
      inbox: String(f.get('inbox') || '').trim(),
    };
  }

  // Chatwoot and Rasa: a backend of the visitor's choosing (its URL in the settings).
  var EXTERNAL = { chatwoot: true, 'rasa-rest': true, 'rasa-socketio': true };
  function externalTransport(s) {
    if (!s.backendUrl) throw new Error('Give the backend URL for ' + s.transport + ' in the settings.');
    if (s.transport === 'chatwoot') return SC.createChatwootTransport({ baseUrl: s.backendUrl, inboxIdentifier: s.inbox });
    return SC.createRasaTransport({
      url: s.backendUrl,
      mode: s.transport === 'rasa-rest' ? 'rest' : 'socketio',
      initPayload: '/greet',
      handoffPayload: '/handoff',
    });
  }

  function transportFor(kind) {
    var base = location.origin;
    if (kind === 'memory') return SC.createMemoryTransport();
    if (kind === 'http') return SC.createHttpTransport({ baseUrl: base });
    return SC.createWebSocketTransport({ url: base.replace(/^http/, 'ws') + '/swp/v1/ws' });
  }

  // The fault panel (faults.js) needs the raw transport (memory switches) and, for the server
  // transports, a thin wrapper that can fail the next send; without faults.js the page still works.
  // The script-tag build loads the memory transport's code on demand: load() gives the real one.
  async function faultReady(kind, s) {
    if (EXTERNAL[kind]) return { raw: externalTransport(s), wrapped: null, transport: null };
    var raw = transportFor(kind);
    if (kind === 'memory') raw = await raw.load();
    var faults = window.DemoFaults;
    var wrapped =
      faults && kind !== 'memory'
        ? faults.wrapTransport(raw, function (what) {
            faults.log('note', what);
          })
        : null;
    return { raw: raw, wrapped: wrapped, transport: wrapped ? wrapped.transport : raw };
  }

  async function identity(s) {
    var user = { segment: s.segment, attributes: { plan: s.segment === 'business' ? 'Business Pro' : 'Premium', channel: 'web demo' } };
    if (!s.signedIn) return user;
    // The demo script signs a demo user's identity at start, as a bank's backend would after login.
    var r = await fetch('/demo-data/identity.json', { cache: 'no-store' });
    if (!r.ok) return user;
    var signed = await r.json();
    return Object.assign(user, {
      id: signed.userId,
      hash: signed.hash,
      hashExpires: signed.expires,
      name: 'Alex Morgan',
      email: 'alex@example.com',
    });
  }

  async function start() {
    var s = settings();
    if (window.DemoFaults) window.DemoFaults.detach();
    if (widget) await widget.destroy();
    var user = await identity(s);
    // The demo's signed identity is the reference server's; another backend gets a visitor.
    if (EXTERNAL[s.transport]) user = { segment: s.segment, attributes: user.attributes };
    try {
      const t = await faultReady(s.transport, s);
      const external = !!EXTERNAL[s.transport];
      widget = SC.createSupportChat({
        transport: external ? t.raw : t.transport,
        locale: s.locale,
        colorScheme: s.scheme,
        primaryColor: s.color,
        position: s.position,
        user: user,
        // The other languages keep their own word for "Support" (the bot answers them in English).
        title: s.locale === 'ru' ? 'Поддержка Northwind' : s.locale === 'en' ? 'Northwind support' : undefined,
      });
      widget.on('status', function (e) {
        statusLine.textContent = 'Connection: ' + e.status;
      });
      widget.on('error', function (e) {
        statusLine.textContent = 'Error: ' + e.message;
      });
      window.demoWidget = widget;
      if (window.DemoFaults && !external) window.DemoFaults.attach(widget, s.transport, t.raw, t.wrapped);
    } catch (e) {
      statusLine.textContent = String(e?.message || e);
    }
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var s = settings();
    var q = new URLSearchParams({
      segment: s.segment,
      locale: s.locale,
      transport: s.transport,
      scheme: s.scheme,
      color: s.color,
      position: s.position,
      signedIn: s.signedIn ? '1' : '0',
      backendUrl: s.backendUrl,
      inbox: s.inbox,
    });
    history.replaceState(null, '', '?' + q.toString());
    start();
  });
  document.getElementById('reset').addEventListener('click', function () {
    try {
      Object.keys(localStorage)
        .filter(function (k) {
          return k.indexOf('support-chat') === 0;
        })
        .forEach(function (k) {
          localStorage.removeItem(k);
        });
    } catch (_e) {
      /* storage disabled */
    }
    start();
  });
  start();
})();
