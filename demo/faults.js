// Fault panel of the demo page: QA switches that break the connection in known ways (offline, drop,
// slow network, failed sends, a server restart) and a live log of what the widget reports, so the
// recovery can be watched. Exposed as window.DemoFaults; demo.js wraps the transport and attaches
// the panel to each widget it builds. Plain script, no inline code (the page runs under a strict CSP);
// untrusted text goes to the page through textContent only.
(function () {
  'use strict';
  var SC = window.SupportChat;
  var SLOW_MS = 1500;
  var MAX_LOG = 300;

  /**
   * Wraps a transport: forwards everything, and can make the next `send` reject (after a short
   * pause, so "Sending" is visible) with a retryable or permanent TransportError.
   */
  function wrapTransport(inner, onFault) {
    var next = null;
    var optional = [
      'fetchHistory',
      'upload',
      'setTyping',
      'markRead',
      'requestHandoff',
      'cancelHandoff',
      'handoffPreview',
      'setHandoffNote',
      'submitVerification',
      'resendVerification',
      'skipVerification',
      'closeConversation',
      'rate',
      'leaveContact',
      'checkAlive',
      'openConversation',
      'listConversations',
    ];
    var t = {
      get name() {
        return inner.name;
      },
      get capabilities() {
        return inner.capabilities;
      },
      connect: function (ctx) {
        return inner.connect(ctx);
      },
      disconnect: function () {
        return inner.disconnect();
      },
      on: function (listener) {
        return inner.on(listener);
      },
      snapshot: function () {
        return inner.snapshot();
      },
      send: function (message) {
        if (!next) return inner.send(message);
        var fault = next;
        next = null;
        return new Promise(function (_resolve, reject) {
          setTimeout(function () {
            var error = fault.permanent
              ? new SC.TransportError(inner.name, 'invalid', 'simulated rejection (fault panel)', { retryable: false })
              : new SC.TransportError(inner.name, 'network', 'simulated failure (fault panel)');
            if (onFault)
              onFault(
                fault.permanent
                  ? 'the send was rejected permanently (simulated)'
                  : 'the send failed with a retryable network error (simulated)',
              );
            reject(error);
          }, 300);
        });
      },
    };
    optional.forEach(function (key) {
      if (typeof inner[key] === 'function')
        t[key] = function () {
          return inner[key].apply(inner, arguments);
        };
    });
    return {
      transport: t,
      failNextSend: function (permanent) {
        next = { permanent: !!permanent };
      },
    };
  }

  var el = {
    note: document.getElementById('faults-note'),
    offline: document.getElementById('fault-offline'),
    drop: document.getElementById('fault-drop'),
    slow: document.getElementById('fault-slow'),
    fail: document.getElementById('fault-fail'),
    reject: document.getElementById('fault-reject'),
    restart: document.getElementById('fault-restart'),
    clear: document.getElementById('fault-clear'),
    log: document.getElementById('fault-log'),
  };

  var current = null; // { widget, kind, raw, wrapped, stop: [] }
  var offline = false;
  var slow = false;
  var serverSlowed = false;

  function time() {
    var d = new Date();
    var p = function (n, w) {
      return String(n).padStart(w || 2, '0');
    };
    return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()) + '.' + p(d.getMilliseconds(), 3);
  }

  /** Adds a log line; `kind` is one of action, status, error, message, note. */
  function log(kind, text) {
    var li = document.createElement('li');
    li.className = 'log-' + kind;
    li.dataset.kind = kind;
    var when = document.createElement('time');
    when.textContent = time();
    var tag = document.createElement('span');
    tag.className = 'log-tag';
    tag.textContent = kind;
    var body = document.createElement('span');
    body.className = 'log-text';
    body.textContent = text;
    li.append(when, tag, body);
    el.log.prepend(li);
    while (el.log.children.length > MAX_LOG) el.log.lastElementChild.remove();
  }

  function isServer() {
    return current && current.kind !== 'memory';
  }

  function short(text) {
    text = String(text || '')
      .replace(/\s+/g, ' ')
      .trim();
    return text.length > 40 ? text.slice(0, 39) + '…' : text;
  }

  function textOf(m) {
    var parts = (m.parts || [])
      .filter(function (p) {
        return p.kind === 'text';
      })
      .map(function (p) {
        return p.text;
      });
    return parts.join(' ') || (m.parts?.length ? '[attachment]' : '');
  }

  async function control(path) {
    try {
      const r = await fetch(path, { method: 'POST', cache: 'no-store' });
      if (r.status === 404 || r.status === 405) {
        log('error', 'the server has no demo controls: start it with "npm run demo"');
        return null;
      }
      if (!r.ok) {
        log('error', path + ' answered ' + r.status);
        return null;
      }
      return await r.json();
    } catch (e) {
      log('error', path + ' failed: ' + String(e?.message || e));
      return null;
    }
  }

  function refresh() {
    var server = isServer();
    var ready = !!current;
    el.offline.textContent = offline ? 'Back online' : 'Go offline';
    el.offline.setAttribute('aria-pressed', String(offline));
    el.slow.setAttribute('aria-pressed', String(slow));
    el.slow.textContent = slow ? 'Slow network: on (' + SLOW_MS + ' ms)' : 'Slow network (' + SLOW_MS + ' ms)';
    [el.offline, el.drop, el.slow, el.fail, el.reject].forEach(function (b) {
      b.disabled = !ready;
    });
    el.restart.disabled = !ready || !server;
    el.note.textContent = !ready
      ? 'The widget is not running.'
      : server
        ? 'Transport: ' +
          current.kind +
          '. Drop, slow and restart act on the reference server for every connected customer; failed sends are simulated in this page.'
        : 'Transport: in-page memory. Every switch acts on the memory transport; it has no server, so there is nothing to restart.';
  }

  async function setOffline(on) {
    var c = current;
    if (!c) return;
    offline = on;
    refresh();
    if (on) {
      log('action', 'Go offline: the device loses the network');
      c.widget.chat.setNetworkOnline(false);
      if (c.kind === 'memory') c.raw.goOffline();
      else {
        const r = await control('/demo/drop');
        if (r) log('note', 'the server cut ' + r.dropped + ' customer connection(s)');
      }
    } else {
      log('action', 'Back online: the network is back');
      if (c.kind === 'memory') c.raw.goOnline();
      c.widget.chat.setNetworkOnline(true);
      if (c.widget.chat.transport.checkAlive) c.widget.chat.transport.checkAlive('online');
    }
  }

  async function drop() {
    var c = current;
    if (!c) return;
    log('action', 'Drop the connection');
    if (c.kind === 'memory') {
      c.raw.dropConnection({ reconnectAfterMs: 1500 });
      return;
    }
    var r = await control('/demo/drop');
    if (r) log('note', 'the server cut ' + r.dropped + ' customer connection(s)');
  }

  async function setSlow(on) {
    var c = current;
    if (!c) return;
    slow = on;
    refresh();
    log('action', on ? 'Slow network: ' + SLOW_MS + ' ms latency' : 'Slow network: off');
    if (c.kind === 'memory') {
      c.raw.setLatency(on ? SLOW_MS : 0);
      if (serverSlowed && !on) await serverSlow(0);
      return;
    }
    await serverSlow(on ? SLOW_MS : 0);
  }

  async function serverSlow(ms) {
    var r = await control('/demo/slow?ms=' + ms);
    if (r) {
      serverSlowed = r.delayMs > 0;
      log('note', r.delayMs > 0 ? 'the server delays every customer frame by ' + r.delayMs + ' ms' : 'the server answers at full speed');
    }
  }

  function failNext(permanent) {
    var c = current;
    if (!c) return;
    log('action', permanent ? 'Reject the next send permanently' : 'Fail the next send (retryable)');
    if (c.kind === 'memory') c.raw.failNextSend(permanent ? { code: 'invalid', retryable: false } : { code: 'network', retryable: true });
    else c.wrapped.failNextSend(permanent);
    log('note', 'armed: type a message in the chat');
  }

  async function restart() {
    if (!isServer()) return;
    log('action', 'Restart the server');
    var r = await control('/demo/restart');
    if (!r) return;
    log('note', 'the server is restarting on the same port and data');
    if (slow) {
      slow = false;
      serverSlowed = false;
      refresh();
      log('note', 'slow network: off (the new server starts at full speed)');
    }
  }

  /** Follows the widget: status, errors, and the status of each of the user's messages. */
  function watch(widget) {
    var stops = [];
    stops.push(
      widget.on('status', function (e) {
        log('status', e.status + (e.retryInMs !== undefined ? ' (next try in ' + (e.retryInMs / 1000).toFixed(1) + ' s)' : ''));
      }),
    );
    stops.push(
      widget.on('error', function (e) {
        log('error', String(e?.message || e));
      }),
    );
    var seen = new Map();
    stops.push(
      widget.state.messages.subscribe(function (list) {
        var present = new Set();
        list.forEach(function (m) {
          if (m.from?.role !== 'user' || !m.clientId) return;
          present.add(m.clientId);
          var before = seen.get(m.clientId);
          if (before === m.status) return;
          seen.set(m.clientId, m.status);
          var copies = list.filter(function (x) {
            return x.clientId === m.clientId;
          }).length;
          var line = '“' + short(textOf(m)) + '” → ' + m.status;
          if (m.status === 'failed' && m.error) line += ' (' + m.error.message + ')';
          if (copies > 1) line += ' — shown ' + copies + ' times!';
          log('message', line);
        });
        seen.forEach(function (_status, id) {
          if (!present.has(id)) {
            seen.delete(id);
            log('message', 'a message was deleted');
          }
        });
      }),
    );
    return stops;
  }

  /** Binds the panel to a new widget; `kind` is websocket, http or memory. */
  function attach(widget, kind, raw, wrapped) {
    detach();
    current = { widget: widget, kind: kind, raw: raw, wrapped: wrapped, stops: watch(widget) };
    offline = false;
    log('note', 'widget started over ' + kind);
    if (slow) {
      if (kind === 'memory') {
        raw.setLatency(SLOW_MS);
        if (serverSlowed) void serverSlow(0);
      } else if (!serverSlowed) void serverSlow(SLOW_MS);
    }
    refresh();
  }

  function detach() {
    if (!current) return;
    current.stops.forEach(function (stop) {
      stop();
    });
    current = null;
    refresh();
  }

  el.offline.addEventListener('click', function () {
    void setOffline(!offline);
  });
  el.drop.addEventListener('click', function () {
    void drop();
  });
  el.slow.addEventListener('click', function () {
    void setSlow(!slow);
  });
  el.fail.addEventListener('click', function () {
    failNext(false);
  });
  el.reject.addEventListener('click', function () {
    failNext(true);
  });
  el.restart.addEventListener('click', function () {
    void restart();
  });
  el.clear.addEventListener('click', function () {
    el.log.replaceChildren();
  });
  refresh();

  window.DemoFaults = {
    wrapTransport: wrapTransport,
    attach: attach,
    detach: detach,
    log: log,
  };
})();
