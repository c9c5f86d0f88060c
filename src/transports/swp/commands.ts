/**
 * The SWP/1 command layer both reference transports share: what each Transport action asks of
 * the server (send, history, read, typing, handoff, verification, close, rate, upload) and how
 * an answer becomes a `SendReceipt`, a `HistoryPage`, …. How a command travels (a WebSocket
 * request and its ack, an HTTP request and its response) is the carrier's business.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { AttachmentRef, HandoffPreview, LeaveContactRequest, VerificationChallenge } from '../../core/model';
import type {
  ConversationTarget,
  HistoryPage,
  OutgoingMessage,
  SendReceipt,
  Transport,
  UploadOptions,
  VerificationOutcome,
} from '../../core/transport';
import { challenge as checkChallenge, handoffPreview } from '../../protocol/model';
import type {
  ConversationsListFrame,
  CloseFrame,
  HandoffCancelFrame,
  HandoffContactFrame,
  HandoffNoteFrame,
  HandoffPreviewFrame,
  HandoffRequestFrame,
  HistoryFrame,
  RateFrame,
  ReadFrame,
  SendFrame,
  VerifyResendFrame,
  VerifySkipFrame,
  VerifySubmitFrame,
} from './frames';
import { wireConversationList } from '../../protocol/conversations';
import { isRecord } from './json';
import { toIncomingMessage } from './map';
import { uploadFile } from './upload';
import { seqOf, wireMessage } from './validate';

/** The body of a `send`, the same on every carrier. */
export type SendBody = Omit<SendFrame, 't' | 'id' | 'conversationId'>;

/**
 * One request to the server: an SWP client frame without its request id. The protocol's own
 * vocabulary, so the WebSocket carrier sends it as it is and the HTTP carrier maps it to a route.
 */
export type SwpCommand =
  | Omit<SendFrame, 'id'>
  | Omit<HistoryFrame, 'id'>
  | Omit<ReadFrame, 'id'>
  | Omit<HandoffRequestFrame, 'id'>
  | Omit<HandoffCancelFrame, 'id'>
  | Omit<HandoffNoteFrame, 'id'>
  | Omit<HandoffPreviewFrame, 'id'>
  | Omit<HandoffContactFrame, 'id'>
  | Omit<VerifySubmitFrame, 'id'>
  | Omit<VerifyResendFrame, 'id'>
  | Omit<VerifySkipFrame, 'id'>
  | Omit<CloseFrame, 'id'>
  | Omit<RateFrame, 'id'>
  | Omit<ConversationsListFrame, 'id'>;

/** Where an upload goes and with which session. */
export interface UploadTarget {
  httpBase: string;
  token: string | undefined;
  conversationId: string | undefined;
  fetch?: typeof fetch;
}

/** How commands travel: the one part the WebSocket and HTTP transports do differently. */
export interface SwpCarrier {
  /** Transport name for errors. */
  readonly name: string;
  /** The conversation commands act on; throws a retryable `network` error while not connected. */
  conversation(): string;
  /** Carries `command`; resolves with the answer's body (an ack frame, a response's JSON). */
  request(command: SwpCommand): Promise<unknown>;
  /** Passes a typing change on when connected; never throws. */
  typing(on: boolean): void;
  uploadTarget(): UploadTarget;
  /** Several conversations: says hello again for `target`; resolves once its welcome is applied. */
  switchTo(target: ConversationTarget): Promise<void>;
}

/** The Transport actions the command layer implements. */
export type SwpCommands = Required<
  Pick<
    Transport,
    | 'send'
    | 'fetchHistory'
    | 'markRead'
    | 'requestHandoff'
    | 'cancelHandoff'
    | 'handoffPreview'
    | 'setHandoffNote'
    | 'submitVerification'
    | 'resendVerification'
    | 'skipVerification'
    | 'closeConversation'
    | 'rate'
    | 'leaveContact'
    | 'upload'
    | 'openConversation'
    | 'listConversations'
  >
>;

const malformed = (name: string, what: string) => new TransportError(name, 'server', `malformed ${what} answer`, { retryable: false });

/** The body of a send for `message`. */
export function sendBody(message: OutgoingMessage): SendBody {
  return {
    clientId: message.clientId,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ id: a.id })) } : {}),
    ...(message.action ? { action: message.action } : {}),
    ...(message.metadata ? { metadata: message.metadata } : {}),
  };
}

/** Maps a send answer (`{ id, createdAt, clientId?, seq? }`) to a receipt. */
export function toReceipt(name: string, raw: unknown, clientId: string): SendReceipt {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.createdAt !== 'string') throw malformed(name, 'send');
  const seq = seqOf(raw.seq);
  return {
    clientId: typeof raw.clientId === 'string' ? raw.clientId : clientId,
    id: raw.id,
    createdAt: raw.createdAt,
    ...(seq !== undefined ? { seq } : {}),
  };
}

/** Maps a history answer (`{ messages, hasMore, before? }`) to a page; one bad message spoils the page. */
export function toHistoryPage(name: string, raw: unknown): HistoryPage {
  if (!isRecord(raw) || !Array.isArray(raw.messages) || typeof raw.hasMore !== 'boolean') throw malformed(name, 'history');
  // Validated again even when a decoder already did: the check is cheap and keeps one rule for all carriers.
  const messages = raw.messages.map(wireMessage);
  if (messages.some((m) => m === undefined)) throw malformed(name, 'history');
  const before = seqOf(raw.before);
  return {
    messages: messages.map((m) => toIncomingMessage(m!)),
    hasMore: raw.hasMore,
    ...(before !== undefined ? { before: String(before) } : {}),
  };
}

/** The challenge in an answer, when it is a valid one. */
function challengeIn(raw: unknown): VerificationChallenge | undefined {
  const c = isRecord(raw) ? checkChallenge(raw.challenge, 'challenge') : undefined;
  return c?.ok ? c.value : undefined;
}

/**
 * Maps a verification answer (`{ result, locked?, attemptsLeft?, challenge? }`) to its outcome:
 * `locked: true` (sent with `result: 'expired'` for older clients) reads as `locked`.
 */
export function toVerificationResult(name: string, raw: unknown): VerificationOutcome {
  const result = isRecord(raw) ? raw.result : undefined;
  if (result !== 'ok' && result !== 'invalid' && result !== 'expired' && result !== 'locked') throw malformed(name, 'verify');
  const r = raw as Record<string, unknown>;
  const challenge = challengeIn(raw);
  return {
    result: r.locked === true ? 'locked' : result,
    ...(typeof r.attemptsLeft === 'number' ? { attemptsLeft: r.attemptsLeft } : {}),
    ...(challenge ? { challenge } : {}),
  };
}

/** Maps a preview answer (`{ preview }`, an ack or a response body) to the preview. */
export function toHandoffPreview(name: string, raw: unknown): HandoffPreview {
  const r = isRecord(raw) ? handoffPreview(raw.preview, 'preview') : undefined;
  if (!r?.ok) throw malformed(name, 'handoff preview');
  return r.value;
}

/** History cursors are the decimal seqs this layer hands out; anything else is a caller's bug. */
function historyBefore(name: string, before: string | undefined): number | undefined {
  if (before === undefined) return undefined;
  if (!/^\d+$/.test(before)) throw new TransportError(name, 'invalid', `bad history cursor "${before}"`, { retryable: false });
  return Number(before);
}

/** Builds the Transport actions over `carrier`. */
export function createSwpCommands(carrier: SwpCarrier): SwpCommands {
  const { name } = carrier;
  const done = async (command: SwpCommand) => {
    await carrier.request(command);
  };
  return {
    async send(message) {
      const current = carrier.conversation();
      const target = message.conversationId ?? current;
      try {
        return toReceipt(name, await carrier.request({ t: 'send', conversationId: target, ...sendBody(message) }), message.clientId);
      } catch (error) {
        // The conversation it was typed in is gone (the server forgot the session and gave a new
        // one): it goes to the conversation the server gave instead of failing for good.
        const now = carrier.conversation();
        if (!(error instanceof TransportError && error.code === 'not_found') || !now || now === target) throw error;
        return toReceipt(name, await carrier.request({ t: 'send', conversationId: now, ...sendBody(message) }), message.clientId);
      }
    },
    async fetchHistory(query) {
      const conversationId = carrier.conversation();
      const before = historyBefore(name, query.before);
      const raw = await carrier.request({
        t: 'history',
        conversationId,
        ...(before !== undefined ? { before } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      return toHistoryPage(name, raw);
    },
    markRead: async (upTo) => done({ t: 'read', conversationId: carrier.conversation(), upTo }),
    requestHandoff: async (req = {}) =>
      done({
        t: 'handoff.request',
        conversationId: carrier.conversation(),
        ...(req.reason !== undefined ? { reason: req.reason } : {}),
        ...(req.topic !== undefined ? { topic: req.topic } : {}),
      }),
    cancelHandoff: async () => done({ t: 'handoff.cancel', conversationId: carrier.conversation() }),
    handoffPreview: async () =>
      toHandoffPreview(name, await carrier.request({ t: 'handoff.preview', conversationId: carrier.conversation() })),
    setHandoffNote: async (note) =>
      toHandoffPreview(name, await carrier.request({ t: 'handoff.note', conversationId: carrier.conversation(), note })),
    async submitVerification(challengeId, code) {
      carrier.conversation();
      return toVerificationResult(name, await carrier.request({ t: 'verify.submit', challengeId, code }));
    },
    async resendVerification(challengeId) {
      carrier.conversation();
      const challenge = challengeIn(await carrier.request({ t: 'verify.resend', challengeId }));
      if (!challenge) throw malformed(name, 'verify.resend');
      return challenge;
    },
    async skipVerification(challengeId) {
      carrier.conversation();
      await carrier.request({ t: 'verify.skip', challengeId });
    },
    closeConversation: async () => done({ t: 'close', conversationId: carrier.conversation() }),
    rate: async (score, comment) =>
      done({ t: 'rate', conversationId: carrier.conversation(), score, ...(comment !== undefined ? { comment } : {}) }),
    leaveContact: async (req: LeaveContactRequest) =>
      done({
        t: 'handoff.contact',
        conversationId: carrier.conversation(),
        contact: req.contact,
        ...(req.callbackWindow !== undefined ? { callbackWindow: req.callbackWindow } : {}),
        ...(req.note !== undefined ? { note: req.note } : {}),
      }),
    openConversation: (target) => carrier.switchTo(target),
    async listConversations() {
      const raw = await carrier.request({ t: 'conversations.list' });
      const list = wireConversationList(isRecord(raw) ? raw.conversations : undefined, 'conversations');
      if (!list.ok) throw malformed(name, 'conversations');
      return list.value;
    },
    upload(file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<AttachmentRef> {
      return uploadFile({ transport: name, ...carrier.uploadTarget(), file, ...opts });
    },
  };
}
