/**
 * Stage 0 of the script tag (`dist/support-chat.iife.js`): `window.SupportChat` (the command
 * function that replays the snippet's queue, with `SupportChat.ready`) and the launcher, drawn
 * exactly as the engine draws it, with the unread badge from the marker the engine keeps. No
 * engine, no socket, no session at the server: `support-chat.engine.js` (beside this file, same
 * build id) is fetched on intent (pointer over, touch, focus), on open (a click, or any command
 * but `on`/`off`), at once in inline mode or open at start, and in idle time for a browser with
 * a conversation or when the page asks (`preload`). Commands given before it are queued and
 * replayed in order by the engine; it then takes this launcher over (see `./handoff`).
 * @module
 */
import { createEngineLoader } from './engine-loader';
import { type EngineLink, type Stage0, STAGE0_KEY, type TakeOver } from './handoff';
import { type Greeting, scheduleGreeting } from './greeting';
import { renderStage0Launcher, type Stage0Launcher } from './launcher';
import { type Plan, planOf, tagOptions } from './look';
import { namespaceOf, readMarker } from './marker';
import { scriptUrl } from './trusted-url';

/** What the snippet's stub carries. */
interface Stub {
  q?: unknown[];
  ready?: Promise<unknown>;
  r?: (instance: unknown) => void;
}

/** Longest wait for an idle moment before a preload. */
const IDLE_TIMEOUT_MS = 3000;
const INTENT = ['pointerover', 'touchstart', 'focusin'] as const;

function whenIdle(fn: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(fn, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(fn, 200);
}

/** True when `value` is a copy of stage 0 or the engine's command function (a second include). */
function isTaken(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  const v = value as unknown as Record<string, unknown>;
  return !!v[STAGE0_KEY] || v.__supportChatCommands === true;
}

/** One page's stage 0: the widget it draws until the engine takes over. */
function createStage0(doc: Document, script: HTMLScriptElement | null) {
  let plan: Plan | null = null;
  let launcher: Stage0Launcher | null = null;
  let greeting: Greeting | null = null;
  let link: EngineLink | null = null;
  let wantOpen = false;
  let intent = false;
  const engine = createEngineLoader(doc, script, () => {
    launcher?.busy(false);
    if (wantOpen && launcher && plan) launcher.note(plan.labels.failed);
    wantOpen = false;
  });
  const open = () => {
    if (link) return link.open();
    wantOpen = true;
    if (engine.state !== 'in') launcher?.busy(true);
    engine.load();
  };
  const drawLauncher = (p: Plan, unread: number) => {
    const l = renderStage0Launcher(doc, p.look, p.labels);
    l.badge(unread);
    const onIntent = () => {
      intent = true;
      engine.load();
    };
    for (const type of INTENT) l.button.addEventListener(type, onIntent, { passive: true });
    l.button.addEventListener('click', open);
    return l;
  };
  const boot = (options: unknown) => {
    if (plan || typeof options !== 'object' || options === null) return;
    const p = planOf(options as Record<string, unknown>, globalThis.navigator?.languages ?? []);
    plan = p;
    const ns = p.marker ? namespaceOf(String(globalThis.location?.host ?? ''), p.marker.user, p.marker.id) : null;
    const marker = ns ? readMarker(ns) : { c: false, u: 0 };
    if (p.launcher) launcher = drawLauncher(p, marker.u);
    if (p.now) engine.load();
    else if (marker.c || marker.u > 0 || p.preload) whenIdle(engine.load);
    if (p.greeting && p.launcher && !p.now && marker.u === 0) {
      greeting = scheduleGreeting(doc, p.look, p.labels, p.greeting, ns ?? 'support-chat', open);
    }
  };
  const handoff: Stage0 = {
    build: __SC_BUILD__,
    script,
    scriptUrl,
    refused: engine.fail,
    arrived: engine.arrived,
    notStarted() {
      launcher?.busy(false);
      if (wantOpen && launcher && plan) launcher.note(plan.labels.failed);
      wantOpen = false;
    },
    host: () => {
      launcher?.release();
      return launcher?.host ?? null;
    },
    takeOver(to): TakeOver {
      link = to;
      const result = { focus: launcher?.focused() ?? false, open: wantOpen, intent };
      launcher?.remove();
      launcher = null;
      // The dialog opens now: the greeting has said its part.
      if (wantOpen) greeting?.dismiss();
      wantOpen = false;
      if (greeting) to.onOpen(() => greeting?.dismiss());
      return result;
    },
  };
  return {
    handoff,
    boot,
    /** A command: `boot` draws the launcher; any other but `on`/`off` wants the engine. */
    see(args: ArrayLike<unknown>) {
      const name = args[0];
      if (name === 'boot') boot(args[1]);
      else if (name !== 'on' && name !== 'off') engine.load();
    },
  };
}

/** Installs `window.SupportChat` over the snippet's stub (its queue and `ready` kept). */
function install(doc: Document, script: HTMLScriptElement | null, previous: unknown): void {
  const stub: Stub = typeof previous === 'function' ? (previous as Stub) : {};
  const q: unknown[] = Array.isArray(stub.q) ? stub.q : [];
  let resolve = stub.r;
  const ready = stub.ready instanceof Promise && resolve ? stub.ready : new Promise((ok) => (resolve = ok));
  const stage0 = createStage0(doc, script);
  const fn = function SupportChat(...args: unknown[]): undefined {
    q.push(args);
    stage0.see(args);
    return undefined;
  };
  Object.assign(fn, { q, ready, r: resolve, instance: null });
  Object.defineProperty(fn, STAGE0_KEY, { value: stage0.handoff });
  (globalThis as { SupportChat?: unknown }).SupportChat = fn;
  if (script?.dataset && typeof script.dataset.transport === 'string') stage0.boot(tagOptions(script));
  for (const args of Array.from(q)) stage0.see(args as ArrayLike<unknown>);
}

const doc = globalThis.document;
const previous = (globalThis as { SupportChat?: unknown }).SupportChat;
if (doc && !isTaken(previous)) install(doc, (doc.currentScript ?? null) as HTMLScriptElement | null, previous);
