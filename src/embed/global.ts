/**
 * Entry of the script tag's engine (`dist/support-chat.engine.js`), exposed as `window.SupportChat`.
 * Stage 0 (`support-chat.iife.js`, `./stage0`) loads it when the chat is wanted; a page may also
 * include it directly (everything at once, as before stage 0). This is the first stage: the
 * engine, the launcher and the WebSocket transport. Under stage 0 it checks stage 0's build id,
 * starts the widget from stage 0's script tag, replays stage 0's queue and takes its launcher
 * over in place (the same host element; focus and a pending click carried over). The chat panel,
 * the HTTP transport and the memory transport are stage files beside it, loaded when needed
 * (see `./stages/registry`). When the including `<script>` has `data-transport`, a widget starts
 * with no other code. Once the script has run, `window.SupportChat` is also a command function
 * (`SupportChat('boot', options)`, `SupportChat('open')`...; see `./commands`) that replays what
 * the README's snippet queued. The widget (from the data attributes or `boot`) is
 * `SupportChat.instance`, `SupportChat.ready` resolves to it, and a `support-chat:ready` DOM event
 * (bubbling, from the script element) announces it once the page's own scripts have run.
 * @module
 */
import { mountLauncher } from '../ui/mount-launcher';
import { mountSupportChat, type SupportChat } from './mount-support-chat';
import type { SupportChatOptions } from './options';
import { bootOptions, optionsFromScript, wantsAutoStart, type TransportFactories } from './script-tag';
import { createCommands, isInstalled } from './commands';
import { asChatError, configureStages, loadStage, stageIfLoaded } from './stages/registry';
import { createDeferredTransport, type DeferredTransport } from './deferred-transport';
import { watchPanelIntent } from './panel-prefetch';
import { createLoadedI18n, mountWith, translatorFor } from './stages/locale';
import { createWebSocketTransport } from '../transports/websocket';
import { SWP_DEFAULT_CAPABILITIES } from '../transports/swp/capabilities';
import { resolveHttpBase } from '../transports/swp/url';
import { memoryCapabilities } from '../transports/memory/capabilities';
import type { HttpTransport, HttpTransportOptions } from '../transports/http';
import type { MemoryTransport, MemoryTransportOptions } from '../transports/memory';
import { chatwootCapabilities } from '../transports/chatwoot/capabilities';
import type { ChatwootTransportOptions } from '../transports/chatwoot/options';
import { rasaCapabilities } from '../transports/rasa/capabilities';
import type { RasaTransportOptions } from '../transports/rasa/options';
import type { Transport } from '../core/transport';
import type { Chat } from '../core/chat';
import type { PanelModule } from '../ui/mount-launcher';
import { type Stage0, stage0Of } from './stage0/handoff';

export * from '../core/index';
export { HOST_TAG } from './mount-support-chat';
export type { SupportChat, SupportChatSnapshot, SupportChatUpdate } from './mount-support-chat';
export type { SupportChatOptions, WidgetPosition } from './options';
export type { CommandFunction } from './commands';
export { EnvironmentError, isEnvironmentError } from './errors';
export { createWebSocketTransport, SWP_DEFAULT_CAPABILITIES };
export { negotiateLocale } from '../i18n/negotiate';
export { BUILT_IN_LOCALES, registerLocale, type LocaleDefinition } from '../i18n/registry';
export { createLoadedI18n as createI18n };
export type { DeferredTransport } from './deferred-transport';
export type { StageModules, StageName, StagedLocale } from './stages/types';
export { loadStage as load };
/** Modules the stage files share with this one. @internal */
export { shared as __shared } from 'virtual:support-chat-shared';

/** Version of this build. */
export const VERSION: string = __SC_VERSION__;

const script = typeof document !== 'undefined' ? document.currentScript : null;
/** What `window.SupportChat` was before this script: the snippet's stub, or a copy of this script. */
const previous: unknown = (globalThis as { SupportChat?: unknown }).SupportChat;
const second = isInstalled(previous);
const scriptEl = script && 'src' in script ? script : null;
/** Stage 0, when it loaded this file; refused when it is from another build. */
const stage0 = acceptStage0(stage0Of(previous));
/** The tag that includes the widget (stage 0's, or this file's own). */
const tagScript: HTMLOrSVGScriptElement | null = stage0 ? stage0.script : script;
configureStages(scriptEl?.src, scriptEl?.nonce, stage0?.scriptUrl);

function acceptStage0(s: Stage0 | null): Stage0 | null {
  if (!s) return null;
  if (s.build === (typeof __SC_BUILD__ === 'string' ? __SC_BUILD__ : 'dev')) {
    s.arrived();
    return s;
  }
  s.refused(`support-chat: ${scriptEl?.src ?? 'support-chat.engine.js'} is from another build (${__SC_BUILD__}, expected ${s.build})`);
  return null;
}
/** Stage 0 was refused: this file does nothing (stage 0 keeps the page). */
const refused = stage0Of(previous) !== null && !stage0;

/**
 * Creates and mounts a support chat (as in the npm build). The dialog's code is fetched on the
 * first sign of intent (pointer over, touch on or focus in the widget), in idle time when there
 * are unread messages or the person has written before, or on open, whichever comes first.
 */
export function createSupportChat(options: SupportChatOptions): SupportChat {
  return createWidget(options, null);
}

/** A widget; `from` is stage 0, whose host and launcher it takes over (the tag's or boot's widget). */
function createWidget(options: SupportChatOptions, from: Stage0 | null): SupportChat {
  try {
    return mountWidget(options, from);
  } catch (error) {
    from?.notStarted();
    throw error;
  }
}

function mountWidget(options: SupportChatOptions, from: Stage0 | null): SupportChat {
  let handoff = from;
  return mountSupportChat(
    options,
    (shadow, chat, setup) => {
      const loadPanel = (): PanelModule | Promise<PanelModule> =>
        stageIfLoaded('panel') ??
        loadStage('panel').catch((error: unknown) => {
          // The launcher tells the person and closes again; the page learns why through `error`.
          if (!chat.destroyed) chat.reportError(asChatError(error));
          throw error;
        });
      const widget = mountWith(
        translatorFor(setup.locale, setup.strings, (error) => chat.reportError(error)),
        (i18n) => {
          const mounted = mountLauncher(shadow, chat, setup.config(i18n), loadPanel);
          if (handoff) takeOver(handoff, shadow, chat);
          handoff = null;
          return mounted;
        },
      );
      const stopIntent = watchPanelIntent(shadow.host as HTMLElement, chat.state, () => void loadStage('panel').catch(() => undefined));
      return {
        focus: () => widget.focus(),
        destroy() {
          stopIntent();
          widget.destroy();
        },
      };
    },
    loadAlerts,
    { transcript: loadTranscript, sensitive: loadSensitive },
    () => from?.host() ?? null,
  );
}

/** Takes stage 0's launcher over: its focus, the click it had, the intent it saw. */
function takeOver(from: Stage0, shadow: ShadowRoot, chat: Chat): void {
  const pending = from.takeOver({
    open: () => chat.open('user'),
    onOpen: (fn) => chat.on('open', fn),
  });
  if (pending.focus) shadow.querySelector<HTMLElement>('.sc-launcher')?.focus();
  if (pending.open) chat.open('user');
  else if (pending.intent) void loadStage('panel').catch(() => undefined);
}

/** The sound and title badge: a stage file, fetched only by pages that turn one on. */
const loadAlerts = () => stageIfLoaded('alerts') ?? loadStage('alerts');

/** The transcript writer: a stage file, fetched when the customer first saves a transcript. */
const loadTranscript = () => stageIfLoaded('transcript') ?? loadStage('transcript');

/** The sensitive-data detector: a stage file, fetched when a message first has digits or a password word. */
const loadSensitive = () => stageIfLoaded('sensitive') ?? loadStage('sensitive');

/**
 * The HTTP long-polling transport. In this build its code (with ky) is a stage file loaded on
 * `connect()`; the returned transport works at once and `load()` resolves to the real one.
 */
export function createHttpTransport(options: HttpTransportOptions): DeferredTransport<HttpTransport> {
  resolveHttpBase('baseUrl', options.baseUrl);
  return createDeferredTransport('http', SWP_DEFAULT_CAPABILITIES, () => loadStage('http').then((m) => m.createHttpTransport(options)));
}

/**
 * The in-page memory transport with the demo bot. In this build its code is a stage file loaded
 * on `connect()`; `load()` resolves to the real transport and its fault switches.
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): DeferredTransport<MemoryTransport> {
  return createDeferredTransport('memory', memoryCapabilities(options), () =>
    loadStage('memory').then((m) => m.createMemoryTransport(options)),
  );
}

/**
 * The Chatwoot adapter (an API-channel inbox). In this build its code is a stage file loaded on
 * `connect()`, so a page that does not use it downloads none of it.
 */
export function createChatwootTransport(options: ChatwootTransportOptions): AdapterTransport {
  const deferred = createDeferredTransport('chatwoot', chatwootCapabilities(), () =>
    loadStage('chatwoot').then((m) => m.createChatwootTransport(options)),
  );
  return withoutMissing(deferred, [...NO_DESK, 'requestHandoff', 'submitVerification']);
}

/** The Rasa adapter (REST or Socket.IO channel); a stage file loaded on `connect()`. */
export function createRasaTransport(options: RasaTransportOptions): AdapterTransport {
  const deferred = createDeferredTransport('rasa', rasaCapabilities(options), () =>
    loadStage('rasa').then((m) => m.createRasaTransport(options)),
  );
  const missing: Array<keyof Transport> = [...NO_DESK, 'fetchHistory', 'upload', 'setTyping', 'markRead', 'closeConversation', 'rate'];
  return withoutMissing(deferred, options.handoffPayload ? missing : [...missing, 'requestHandoff']);
}

/** What neither adapter has: the reference server's queue, code-step extras, contact form and conversation list. */
const NO_DESK: Array<keyof Transport> = [
  'cancelHandoff',
  'handoffPreview',
  'setHandoffNote',
  'resendVerification',
  'skipVerification',
  'leaveContact',
  'openConversation',
  'listConversations',
];

/** A lazily loaded adapter: the methods its backend has, and `load()`. */
export type AdapterTransport = Transport & { load(): Promise<Transport> };

/** The deferred transport without the methods the adapter does not have (the engine asks for what exists). */
function withoutMissing(deferred: DeferredTransport<Transport>, missing: Array<keyof Transport>): AdapterTransport {
  const t: Partial<DeferredTransport<Transport>> = deferred;
  for (const name of missing) delete t[name];
  return deferred;
}

/** The transports a script tag or `boot({ transport: 'websocket', url })` names. */
const factories: TransportFactories = {
  memory: () => createMemoryTransport(),
  websocket: (url) => createWebSocketTransport({ url }),
  http: (url) => createHttpTransport({ baseUrl: url }),
};

/** The widget started from the script tag's data attributes or `SupportChat('boot', ...)`, if any. */
export let instance: SupportChat | null = null;

/** Tells the page the widget is there, once its own scripts have run (they may listen late). */
function announce(chat: SupportChat): void {
  const fire = () => {
    const target: EventTarget = tagScript?.isConnected ? tagScript : document;
    target.dispatchEvent(new CustomEvent('support-chat:ready', { detail: chat, bubbles: true }));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fire, { once: true });
  else queueMicrotask(fire);
}

const commands = createCommands(second ? null : previous, {
  boot: (options) => createWidget(bootOptions(options, factories), stage0),
  booted(chat) {
    instance = chat;
    announce(chat);
  },
});

/** Resolves to the widget once it is booted (from the data attributes or `SupportChat('boot', ...)`). */
export const ready: Promise<SupportChat> = second ? (previous as { ready: Promise<SupportChat> }).ready : commands.ready;

function autoStart(el: HTMLScriptElement): void {
  try {
    commands.adopt(createWidget(optionsFromScript(el, factories), stage0));
  } catch (error) {
    // The host page has no other way to learn why the widget did not start.
    console.error(error);
  }
}

if (typeof document !== 'undefined') {
  // Right after this script, `var SupportChat` holds its exports: make that the command function
  // and replay the snippet's queue (a second copy of the script puts the first one back and does
  // nothing else).
  queueMicrotask(() => {
    const g = globalThis as { SupportChat?: unknown };
    g.SupportChat = second || refused ? previous : commands.install(g.SupportChat as Record<string, unknown>);
    if (second || refused) return;
    const start = () => {
      if (wantsAutoStart(tagScript)) autoStart(tagScript);
      commands.replay();
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start, { once: true });
  });
}
