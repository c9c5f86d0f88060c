/**
 * Options of `createRasaTransport`, checked once (an `OptionError` names the bad one), and the
 * configurable rule that turns a bot's `custom` payload into a code step or a handoff.
 * @module
 */
import type { BackoffOptions } from '../../core/backoff';
import { OptionError } from '../../core/errors';
import type { HandoffState, VerificationChallenge } from '../../core/model';
import type { VerificationResult } from '../../core/transport';
import type { WebSocketConstructor } from '../swp/socket';

/** What a bot's `custom` payload stands for, as the rule reads it. */
export type RasaCustomOutcome =
  | { kind: 'verification'; challenge: Omit<VerificationChallenge, 'id'> & { id?: string } }
  | { kind: 'verification_result'; result: VerificationResult }
  | { kind: 'handoff'; state: HandoffState; reason?: string };

/** Reads a `custom` payload; undefined keeps it a custom part for the host's renderer. */
export type RasaCustomRule = (custom: unknown) => RasaCustomOutcome | undefined;

export interface RasaTransportOptions {
  /** The Rasa server, e.g. `http://localhost:5005` (REST: `/webhooks/rest/webhook` is added). */
  url: string;
  /** `rest`: one request per message; `socketio`: Rasa's Socket.IO channel over a plain WebSocket. */
  mode: 'rest' | 'socketio';
  /** Sent (unshown) on a new session to get the bot's greeting, e.g. `/greet`. */
  initPayload?: string;
  /** Sent (unshown) when the customer asks for a person, e.g. `/handoff`; without it there is no handoff button. */
  handoffPayload?: string;
  /** What goes to the bot for a code the customer typed. @default the code itself */
  verificationMessage?: (code: string) => string;
  /** Custom payload → code step / handoff. @default {@link defaultCustomRule} */
  customRule?: RasaCustomRule;
  /** Socket.IO path. @default '/socket.io' */
  socketPath?: string;
  /** A JWT for Rasa's `jwt_key` setting, sent in the Socket.IO `auth` payload as `{ token }`. */
  token?: string;
  /** `user_message_evt` / `bot_message_evt` of credentials.yml. @default user_uttered / bot_uttered */
  events?: { user?: string; bot?: string };
  WebSocket?: WebSocketConstructor;
  fetch?: typeof fetch;
  reconnect?: BackoffOptions;
  /** A request's (REST) or the handshake's (Socket.IO) time limit, ms. @default 15000 */
  requestTimeoutMs?: number;
}

/**
 * The default rule: `{ type: 'otp_required', method?, prompt?, destinationHint?, codeLength? }`
 * is a code step; `{ type: 'otp_result', result }` answers a code; `{ type: 'handoff', state?, reason? }`
 * a handoff (state `queued` unless given).
 */
export function defaultCustomRule(custom: unknown): RasaCustomOutcome | undefined {
  if (typeof custom !== 'object' || custom === null) return undefined;
  const c = custom as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  if (c.type === 'otp_required') {
    const method = c.method === 'email_otp' || c.method === 'custom' ? c.method : 'sms_otp';
    const prompt = str(c.prompt);
    const hint = str(c.destinationHint);
    return {
      kind: 'verification',
      challenge: {
        method,
        ...(prompt ? { prompt } : {}),
        ...(hint ? { destinationHint: hint } : {}),
        ...(typeof c.codeLength === 'number' ? { codeLength: c.codeLength } : {}),
        ...(typeof c.attemptsLeft === 'number' ? { attemptsLeft: c.attemptsLeft } : {}),
      },
    };
  }
  if (c.type === 'otp_result' && (c.result === 'ok' || c.result === 'invalid' || c.result === 'expired' || c.result === 'locked'))
    return { kind: 'verification_result', result: c.result };
  if (c.type === 'handoff') {
    const states: HandoffState[] = ['requested', 'queued', 'accepted', 'rejected', 'offline'];
    const state = states.find((s) => s === c.state) ?? 'queued';
    const reason = str(c.reason);
    return { kind: 'handoff', state, ...(reason ? { reason } : {}) };
  }
  return undefined;
}

export interface ResolvedRasaOptions extends Omit<RasaTransportOptions, 'url' | 'fetch' | 'customRule' | 'events'> {
  base: string;
  fetch: typeof fetch;
  customRule: RasaCustomRule;
  events: { user: string; bot: string };
  requestTimeoutMs: number;
}

export function resolveRasaOptions(o: RasaTransportOptions): ResolvedRasaOptions {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new OptionError('url', `expected the Rasa server URL, e.g. "http://localhost:5005", got ${JSON.stringify(o.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OptionError('url', 'use http: or https:');
  if (url.username || url.password || url.search || url.hash) throw new OptionError('url', 'no credentials, query or fragment');
  if (o.mode !== 'rest' && o.mode !== 'socketio') throw new OptionError('mode', 'expected "rest" or "socketio"');
  const fetchImpl = o.fetch ?? globalThis.fetch?.bind(globalThis);
  if (o.mode === 'rest' && typeof fetchImpl !== 'function') throw new OptionError('fetch', 'no global fetch here: pass one');
  if (o.mode === 'socketio' && typeof (o.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket) !== 'function')
    throw new OptionError('WebSocket', 'no global WebSocket here: pass one (e.g. from "ws")');
  return {
    ...o,
    base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    fetch: fetchImpl,
    customRule: o.customRule ?? defaultCustomRule,
    events: { user: o.events?.user ?? 'user_uttered', bot: o.events?.bot ?? 'bot_uttered' },
    requestTimeoutMs: o.requestTimeoutMs ?? 15_000,
  };
}
