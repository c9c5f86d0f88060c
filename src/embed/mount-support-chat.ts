/**
 * `mountSupportChat`: wires the core engine, the UI and the page together (`createSupportChat`
 * links the whole UI; the script-tag build links the launcher and loads the panel on demand).
 * It adds one host element (an unusual custom-element name, with an open shadow root) and nothing
 * else to the page; `destroy()` removes it with every listener, timer and connection.
 * @module
 */
import { createChat, type Chat, type ChatEventMap } from '../core/chat';
import type { Unsubscribe } from '../core/transport';
import type { SupportedLocale } from '../i18n/negotiate';
import type { Messages } from '../i18n/messages';
import type { I18n } from '../i18n/translator';
import type { MountedWidget, SensitiveLoader, TranscriptLoader, UiConfig } from '../ui/types';
import { EnvironmentError } from './errors';
import { attachHost } from './host-mount';
import { claimWidget } from './page-registry';
import { localeOf, mountWidgetUi, type SupportChatUpdate, type WidgetUi } from './widget-ui';
import { createListenerBook, snapshotOf } from './instance-parts';

/** Code the dialog fetches when first needed (stage files in the script-tag build). @internal */
export interface Loaders {
  /** The transcript writer; without it no transcript download is offered. */
  transcript?: TranscriptLoader;
  /** The sensitive-data detector; without it the composer's guard is off. */
  sensitive?: SensitiveLoader;
}
import { createPersistence, createMemoryStore, type ChatPersistence } from '../core/persistence';
import { createBrowserStore } from '../storage/browser-store';
import { createLocalJournal } from '../storage/journal';
import { ChatError } from '../core/errors';
import { resolveOptions, type ResolvedOptions, type SupportChatOptions } from './options';
import { createLeaderElection, type LeaderElection } from '../tabs/leader';
import { createTabTransport } from '../tabs/tab-transport';
import { createUiSync } from '../tabs/ui-sync';
import { watchUnsent } from './adopt-unsent';
import { watchConnectivity } from './connectivity';
import { startPageAlerts, type LoadPageAlerts } from './page-alerts';
import { forgetPreviousUser, watchUserElsewhere } from './user-switch';
import { switchableWidget, type MountHow, type MountedInstance } from './identify';
import { clearMarker, watchMarker } from './marker-writer';

/** Namespaces in use by a widget of this page: a second widget with the same one stays on its own. */
const sharedInPage = new Set<string>();

/** Tag name of the widget's host element. Chosen to match no class/id pattern of ad blockers. */
export const HOST_TAG = 'support-chat-host';

/** Storage key prefix: per site, per user (or anonymous visitor) and per widget instance. @internal */
export function storageNamespace(o: Pick<ResolvedOptions, 'id' | 'user'>, host: string): string {
  return `support-chat:v1:${host}:${o.user.id ?? 'anon'}:${o.id}`;
}

export type { SupportChatUpdate } from './widget-ui';
export type { SupportChatSnapshot } from './instance-parts';

import type { SupportChat } from './support-chat-api';
export type { SupportChat } from './support-chat-api';

/** What the UI needs to mount, once it has a translator for the widget's language. @internal */
export interface UiSetup {
  /** The widget's language. */
  locale: SupportedLocale;
  /** String overrides from the options. */
  strings: Partial<Messages> | undefined;
  /** The UI configuration; the default title comes from `i18n`. */
  config(i18n: I18n): UiConfig;
}

/**
 * Mounts the UI into the widget's shadow root: the whole widget, or (script-tag build) the
 * launcher, once its language's strings are there. @internal
 */
export type MountUi = (shadowRoot: ShadowRoot, chat: Chat, setup: UiSetup) => MountedWidget;

/** The engine of one widget: its chat, persistence and (multi-tab) election. */
interface Engine {
  chat: Chat;
  persistence: ChatPersistence;
  election: LeaderElection | null;
  namespace: string;
  /** This widget shares its connection with the other tabs (see `sharedInPage`). */
  shareTabs: boolean;
}

function createEngine(o: ResolvedOptions, locale: SupportedLocale, doc: Document): Engine {
  const namespace = storageNamespace(o, String(globalThis.location?.host ?? ''));
  // Multi-tab: one tab holds the connection, the others use it over a BroadcastChannel.
  const shareTabs = o.multiTab && !sharedInPage.has(namespace);
  if (shareTabs) sharedInPage.add(namespace);
  const election: LeaderElection | null = shareTabs ? createLeaderElection(`${namespace}:leader`) : null;
  const transport = election ? createTabTransport(o.transport, { channelName: `${namespace}:tabs`, election }) : o.transport;

  let onStorageError: (error: Error) => void = () => undefined;
  const persistence = createPersistence({
    store: createBrowserStore(o.storage === 'auto' ? 'indexeddb' : o.storage),
    namespace,
    historyLimit: o.historyLimit,
    fallback: createMemoryStore,
    onError: (error) => onStorageError(error),
    // Synchronous, so a message is on disk before send() returns (README "Durability").
    ...(o.storage === 'memory' ? {} : { journal: createLocalJournal(`${namespace}:unsent:`) }),
  });
  const chat = createChat({
    transport,
    persistence,
    user: o.user,
    locale,
    open: o.open,
    metadata: { pageUrl: String(globalThis.location?.href ?? ''), pageTitle: doc.title, ...o.metadata },
  });
  onStorageError = (error) => {
    if (!chat.destroyed) chat.reportError(new ChatError(error.message, { cause: error }));
  };
  return { chat, persistence, election, namespace, shareTabs };
}

/** Ties the chat to the page and the other tabs: visibility, pagehide, tabs sync, title, sound. Returns the stop function. */
function watchPage(engine: Engine, o: ResolvedOptions, doc: Document, loadAlerts: LoadPageAlerts): () => void {
  const { chat, election } = engine;
  const onVisibility = () => {
    const visible = doc.visibilityState !== 'hidden';
    chat.setPageVisible(visible);
    // Mobile browsers may discard a hidden page without `pagehide`: write the draft now.
    if (!visible) void chat.flush();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  const onPageHide = () => {
    void chat.flush();
    // The other tabs take over what this one leaves unsent (README "Durability").
    uiSync?.leaving();
  };
  globalThis.addEventListener?.('pagehide', onPageHide);

  const isPageVisible = () => doc.visibilityState !== 'hidden';
  const unsent = watchUnsent(chat, election);
  const uiSync = engine.shareTabs
    ? createUiSync(chat, { channelName: `${engine.namespace}:ui`, isPageVisible, onPeerLeaving: unsent.soon })
    : null;
  const stopConnectivity = watchConnectivity(chat, { document: doc });
  const stopAlerts = startPageAlerts(chat, loadAlerts, {
    sound: o.sound,
    titleUnread: o.titleUnread,
    doc,
    soundDeps: {
      isPageVisible,
      isLeader: () => election?.isLeader ?? true,
      seenElsewhere: (id) => uiSync?.seenElsewhere(id) ?? false,
      claimSound: (id) => uiSync?.claimSound(id) ?? true,
    },
  });
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility);
    globalThis.removeEventListener?.('pagehide', onPageHide);
    stopConnectivity();
    stopAlerts();
    uiSync?.destroy();
    unsent.stop();
  };
}

/**
 * Creates and mounts a support chat whose UI is mounted by `mountUi`; `loadAlerts` gives the
 * sound and title badge code when the options turn one on; `loadTranscript`, the transcript
 * writer (without it, or with `transcriptDownload: false`, no transcript download is offered).
 * @throws OptionError when an option is invalid (names the option and the reason).
 * @internal
 */
export function mountSupportChat(
  options: SupportChatOptions,
  mountUi: MountUi,
  loadAlerts: LoadPageAlerts,
  loaders: Loaders = {},
  adoptHost: () => HTMLElement | null = () => null,
): SupportChat {
  return switchableWidget(options, (o, how) => mountOnce(o, how, { mountUi, loadAlerts, loaders, adoptHost }));
}

/** `update()`: a change of language also reaches the backend (the bot answers in it). */
function uiUpdater(ui: Pick<WidgetUi, 'update' | 'locale'>, chat: Chat): (patch: SupportChatUpdate) => void {
  return (patch) => {
    const before = ui.locale;
    ui.update(patch);
    if (ui.locale !== before && !chat.destroyed) void chat.updateProfile({ locale: ui.locale }).catch(() => undefined);
  };
}

/** What every widget of the page is mounted with. */
interface MountParts {
  mountUi: MountUi;
  loadAlerts: LoadPageAlerts;
  loaders: Loaders;
  /** Stage 0's host element (script tag), so that its launcher is replaced in place. */
  adoptHost: () => HTMLElement | null;
}

/**
 * Whom this device's widget runs for: claims it for this user (ending and wiping the previous
 * person's session when that was someone else) and follows a change made in another tab.
 */
function watchDevice(o: ResolvedOptions, how: MountHow): () => void {
  const site = String(globalThis.location?.host ?? '');
  if (how.claimDevice) void forgetPreviousUser(o, site, (user) => storageNamespace({ id: o.id, user: { id: user } }, site));
  return watchUserElsewhere(site, o.id, () => o.user.id ?? 'anon', how.onUserElsewhere);
}

/** One widget for one user (`mountSupportChat` puts the next one in its place on `identify()`). */
function mountOnce(options: SupportChatOptions, how: MountHow, { mountUi, loadAlerts, loaders, adoptHost }: MountParts): MountedInstance {
  if (typeof document === 'undefined' || !document?.documentElement) throw new EnvironmentError('createSupportChat');
  const doc = document;
  const o = resolveOptions(options, doc);
  const release = claimWidget(o.id, o.transport);
  let engine: Engine;
  try {
    engine = createEngine(o, localeOf(o), doc);
  } catch (error) {
    release();
    throw error;
  }
  const { chat, persistence, election } = engine;
  let readyPayload: ChatEventMap['ready'] | null = null;
  const offReady = chat.on('ready', (payload) => {
    readyPayload = payload;
  });
  const stopElsewhere = watchDevice(o, how);
  void chat.restore().catch(() => undefined);

  // Stage 0's host (script tag), so its launcher is replaced in place; else a new one.
  const host = adoptHost() ?? doc.createElement(HOST_TAG);
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const detach = attachHost(host, doc, o.target);
  const ui = mountWidgetUi({ shadow, chat, doc, mountUi, loaders, input: options, resolved: o });
  const stopWatching = watchPage(engine, o, doc, loadAlerts);
  const stopMarker = o.storage === 'memory' ? () => undefined : watchMarker(chat, engine.namespace);

  const start = () => {
    if (!chat.destroyed) void chat.start();
  };
  let offOpen: Unsubscribe | null = null;
  if (o.connect || o.open) start();
  else offOpen = chat.on('open', start);

  const listeners = createListenerBook(chat, () => readyPayload);
  const updateUi = uiUpdater(ui, chat);
  let destroying: Promise<void> | null = null;
  const instance: MountedInstance = {
    open: () => chat.open('api'),
    close: () => (o.inline ? undefined : chat.close('api')),
    toggle: () => (o.inline ? undefined : chat.toggle('api')),
    show: () => ui.update({ launcher: true }),
    hide: () => ui.update({ launcher: false }),
    update: (patch) => updateUi(patch),
    setLocale: (locale) => updateUi({ locale }),
    setTheme: (theme) => ui.update({ ...theme }),
    getState: () => snapshotOf(chat, ui.options, ui.locale),
    send: (text) => chat.send(text),
    on: listeners.on,
    off: listeners.off,
    state: chat.state,
    chat,
    element: host,
    destroy() {
      destroying ??= (() => {
        // Synchronous: the page-level parts, so a widget created right after gets them back.
        stopWatching();
        stopElsewhere();
        stopMarker();
        offOpen?.();
        offReady();
        ui.destroy();
        detach();
        release();
        if (engine.shareTabs) sharedInPage.delete(engine.namespace);
        if (election) election.destroy();
        // Disconnects the tab transport too, which gives up leadership and closes its channel.
        return chat.destroy();
      })();
      return destroying;
    },
    refreshIdentity: chat.refreshIdentity,
    // The page's widget (`switchableWidget`) does the change of user.
    identify: () => Promise.reject(new ChatError('support-chat: identify() on an inner widget')),
    async logout() {
      // First at the server (the token is refused from then on; offline, it is just forgotten).
      await chat.endSession();
      await instance.destroy();
      // After destroy: its last save has landed, so nothing is written back after the wipe.
      await persistence.wipe();
      clearMarker(engine.namespace);
    },
    async forgetHere() {
      await instance.destroy();
      await persistence.wipe();
      clearMarker(engine.namespace);
    },
  };
  return instance;
}
