/**
 * The backend of the widget tests: the memory transport (the emulator) as a bare server (no bot,
 * no echo, unscripted handoff) with full capabilities, plus views of its call log under the names
 * the widget tests use.
 */
import { TransportError } from '../../../src/core/errors';
import type { Capabilities, Participant } from '../../../src/core/model';
import {
  BASIC_CAPABILITIES,
  type IncomingMessage,
  type OutgoingMessage,
  type SendReceipt,
  type VerificationResult,
} from '../../../src/core/transport';
import { createMemoryTransport, type MemoryTransport } from '../../../src/transports/memory';

export interface FakeTransport extends MemoryTransport {
  /** Pushes an incoming message with the next seq. */
  incoming(from: Participant, text: string, extra?: Partial<IncomingMessage>): IncomingMessage;
  /** Every `send` call, in order. */
  readonly sent: OutgoingMessage[];
  /** When set, decides the outcome of the next sends instead of the emulator. */
  sendImpl: ((m: OutgoingMessage) => Promise<SendReceipt>) | undefined;
  readonly verifications: Array<{ challengeId: string; code: string }>;
  /** What every verification answers. @default 'ok' */
  verificationResult: VerificationResult;
  readonly handoffRequests: number;
  readonly typing: boolean[];
  readonly ratings: number[];
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
  const t = createMemoryTransport({ bot: false, echo: false, handoff: false, replyDelayMs: 0, capabilities });
  let result: VerificationResult = 'ok';
  t.setVerificationResult(result);
  const sent: OutgoingMessage[] = [];
  const argsOf = (method: keyof MemoryTransport) => t.calls.filter((c) => c.method === method).map((c) => c.args);
  const send = t.send;
  const fake = t as FakeTransport;
  fake.sendImpl = undefined;
  fake.send = (m) => {
    sent.push(m);
    return fake.sendImpl ? fake.sendImpl(m) : send(m);
  };
  fake.incoming = (from, text, extra = {}) => t.emitIncoming({ ...extra, from, text });
  Object.defineProperties(fake, {
    sent: { get: () => sent },
    verifications: { get: () => argsOf('submitVerification').map(([challengeId, code]) => ({ challengeId, code })) },
    verificationResult: {
      get: () => result,
      set: (value: VerificationResult) => {
        result = value;
        t.setVerificationResult(value);
      },
    },
    handoffRequests: { get: () => argsOf('requestHandoff').length },
    typing: { get: () => argsOf('setTyping').map(([on]) => on) },
    ratings: { get: () => argsOf('rate').map(([score]) => score) },
  });
  return fake;
}

/** A permanent rejection, as a transport reports it. */
export function rejection(): TransportError {
  return new TransportError('fake', 'invalid', 'rejected', { retryable: false });
}
