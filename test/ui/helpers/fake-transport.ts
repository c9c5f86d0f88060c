/**
 * A scriptable in-test Transport: records calls, lets the test push events and decide how
 * `send` answers.
 */
import { TransportError } from '../../../src/core/errors';
import type { Capabilities, Participant } from '../../../src/core/model';
import {
  BASIC_CAPABILITIES,
  type IncomingMessage,
  type OutgoingMessage,
  type SendReceipt,
  type Transport,
  type TransportEvent,
  type VerificationResult,
} from '../../../src/core/transport';

export interface FakeTransport extends Transport {
  emit(event: TransportEvent): void;
  /** Pushes an incoming message with the next seq. */
  incoming(from: Participant, text: string, extra?: Partial<IncomingMessage>): IncomingMessage;
  sent: OutgoingMessage[];
  /** Decides the outcome of the next sends; default: accept. */
  sendImpl: (m: OutgoingMessage) => Promise<SendReceipt>;
  verifications: Array<{ challengeId: string; code: string }>;
  verificationResult: VerificationResult;
  handoffRequests: number;
  typing: boolean[];
  ratings: number[];
}

export const BOT: Participant = { id: 'bot', role: 'bot', name: 'Helper' };
export const ANNA: Participant = { id: 'op-1', role: 'agent', name: 'Anna' };

export const FULL_CAPABILITIES: Capabilities = {
  ...BASIC_CAPABILITIES,
  realtime: true,
  attachments: { maxBytes: 1024, maxFiles: 2, accept: ['image/*', '.pdf'] },
  typing: { inbound: true, outbound: true },
  quickReplies: true,
  cards: true,
  humanHandoff: 'native',
  verification: true,
  rating: true,
};

export function createFakeTransport(capabilities: Capabilities = FULL_CAPABILITIES): FakeTransport {
  const listeners = new Set<(event: TransportEvent) => void>();
  let seq = 0;
  const t: FakeTransport = {
    name: 'fake',
    capabilities,
    sent: [],
    verifications: [],
    verificationResult: 'ok',
    handoffRequests: 0,
    typing: [],
    ratings: [],
    sendImpl: async (m) => ({ clientId: m.clientId, id: `srv-${m.clientId}`, createdAt: new Date().toISOString(), seq: ++seq }),
    emit: (event) => listeners.forEach((l) => l(event)),
    incoming(from, text, extra = {}) {
      const message: IncomingMessage = {
        id: `in-${++seq}`,
        seq,
        from,
        parts: [{ kind: 'text', text }],
        createdAt: new Date().toISOString(),
        ...extra,
      };
      t.emit({ type: 'message', message });
      return message;
    },
    async connect() {
      t.emit({ type: 'status', status: 'online' });
      return {};
    },
    async disconnect() {
      listeners.clear();
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => ({}),
    send(m) {
      t.sent.push(m);
      return t.sendImpl(m);
    },
    async requestHandoff() {
      t.handoffRequests++;
    },
    async submitVerification(challengeId, code) {
      t.verifications.push({ challengeId, code });
      return t.verificationResult;
    },
    setTyping(on) {
      t.typing.push(on);
    },
    async rate(score) {
      t.ratings.push(score);
    },
    async upload(file) {
      return { id: 'up-1', name: (file as File).name ?? 'file', mimeType: file.type, size: file.size };
    },
  };
  return t;
}

/** A permanent rejection, as a transport reports it. */
export function rejection(): TransportError {
  return new TransportError('fake', 'invalid', 'rejected', { retryable: false });
}
