/**
 * Reads a `<script src=".../support-chat.iife.js" data-...>` tag into options, so product teams
 * can start a widget with no code. Attributes:
 * `data-transport` (memory | websocket | ws | http), `data-url`, `data-title`, `data-subtitle`,
 * `data-locale`, `data-position`, `data-primary-color`, `data-color-scheme`, `data-open`,
 * `data-segment`, `data-z-index`, `data-offset-x`, `data-offset-y`, `data-transcript-download`,
 * `data-launcher`, `data-preload`, `data-greeting` (with `data-greeting-delay`); the script's own `nonce`.
 * @module
 */
import { OptionError } from '../core/errors';
import type { Transport } from '../core/transport';
import type { SupportChatOptions } from './options';

/** Transport factories the script tag can choose from. @internal */
export interface TransportFactories {
  memory: () => Transport;
  websocket: (url: string) => Transport;
  http: (url: string) => Transport;
}

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new OptionError(name, `expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/** True when the script asks for a widget (it has `data-transport`). @internal */
export function wantsAutoStart(script: HTMLOrSVGScriptElement | null): script is HTMLScriptElement {
  return !!script && 'dataset' in script && typeof script.dataset.transport === 'string';
}

/** Builds options from the script's data attributes. Throws `OptionError`. @internal */
export function optionsFromScript(script: HTMLScriptElement, factories: TransportFactories): SupportChatOptions {
  const d = script.dataset;
  const kind = (d.transport ?? '').toLowerCase();
  // A factory, so identify() can make a fresh one for the next user.
  let transport: () => Transport;
  if (kind === 'memory') transport = factories.memory;
  else if (kind === 'websocket' || kind === 'ws' || kind === 'http') {
    if (!d.url) throw new OptionError('data-url', `required with data-transport="${kind}"`);
    const url = new URL(d.url, script.src || globalThis.location?.href).href;
    transport = kind === 'http' ? () => factories.http(url) : () => factories.websocket(url);
  } else {
    throw new OptionError('data-transport', `expected "memory", "websocket" or "http", got ${JSON.stringify(d.transport)}`);
  }
  const segment = d.segment;
  if (segment !== undefined && segment !== 'private' && segment !== 'business') {
    throw new OptionError('data-segment', 'expected "private" or "business"');
  }
  const x = num(d.offsetX, 'data-offset-x');
  const y = num(d.offsetY, 'data-offset-y');
  const zIndex = num(d.zIndex, 'data-z-index');
  const greetingDelay = num(d.greetingDelay, 'data-greeting-delay');
  const nonce = script.nonce || d.nonce;
  return {
    transport,
    ...(d.title ? { title: d.title } : {}),
    ...(d.subtitle ? { subtitle: d.subtitle } : {}),
    ...(d.locale ? { locale: d.locale } : {}),
    ...(d.position ? { position: d.position as SupportChatOptions['position'] & string } : {}),
    ...(d.primaryColor ? { primaryColor: d.primaryColor } : {}),
    ...(d.colorScheme ? { colorScheme: d.colorScheme as 'light' } : {}),
    ...(d.open !== undefined ? { open: d.open !== 'false' } : {}),
    ...(segment ? { user: { segment } } : {}),
    ...(x !== undefined || y !== undefined ? { offset: { ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}) } } : {}),
    ...(zIndex !== undefined ? { zIndex } : {}),
    ...(nonce ? { nonce } : {}),
    ...(d.transcriptDownload === 'false' ? { transcriptDownload: false } : {}),
    ...(d.launcher === 'false' ? { launcher: false } : {}),
    ...(d.preload !== undefined && d.preload !== 'false' ? { preload: true } : {}),
    ...(d.greeting ? { greeting: { text: d.greeting, ...(greetingDelay !== undefined ? { delayMs: greetingDelay } : {}) } } : {}),
  };
}

/**
 * `SupportChat('boot', options)`'s options: `transport` may name one (`'websocket'` or `'ws'`,
 * `'http'` with `url`; `'memory'`), made when the widget is created; anything else is
 * `createSupportChat`'s options. Throws `OptionError`.
 * @internal
 */
export function bootOptions(input: unknown, factories: TransportFactories): SupportChatOptions {
  if (typeof input !== 'object' || input === null) throw new OptionError('options', 'expected an object');
  const { transport, url, ...rest } = input as Record<string, unknown>;
  if (typeof transport !== 'string') {
    if (url !== undefined) throw new OptionError('url', 'only with transport: "websocket" or "http"');
    return input as SupportChatOptions;
  }
  const kind = transport.toLowerCase();
  if (kind === 'memory') return { ...rest, transport: factories.memory } as SupportChatOptions;
  if (kind !== 'websocket' && kind !== 'ws' && kind !== 'http') {
    throw new OptionError('transport', `expected "memory", "websocket", "http" or a Transport, got ${JSON.stringify(transport)}`);
  }
  if (typeof url !== 'string' || !url) throw new OptionError('url', `required with transport: "${kind}"`);
  const href = new URL(url, globalThis.location?.href).href;
  return { ...rest, transport: () => (kind === 'http' ? factories.http(href) : factories.websocket(href)) } as SupportChatOptions;
}
