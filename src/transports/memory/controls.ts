/**
 * The emulator's test and QA controls: latency, injected faults, offline/online, manual ack and
 * injected events. Kept apart from the Transport methods so each side stays readable.
 * @module
 */
import { OptionError, TransportError } from '../../core/errors';
import type { TransportErrorCode } from '../../core/model';
import type { IncomingMessage, OutgoingMessage, SendReceipt, VerificationResult } from '../../core/transport';
import { append, observe } from './conversation';
import type { Core } from './core';
import { operator } from './handoff';
import { toEvent } from './incoming';
import { botVoice } from './say';
import type { AckOverrides } from './sends';
import type { IncomingInput, MemoryTransport, SimulatedSendError } from './types';

type ControlMethods = Pick<
  MemoryTransport,
  | 'setLatency'
  | 'failNextSend'
  | 'failNextConnect'
  | 'dropConnection'
  | 'goOffline'
  | 'goOnline'
  | 'holdSends'
  | 'releaseSends'
  | 'pendingSends'
  | 'ack'
  | 'reject'
  | 'setVerificationResult'
  | 'emitIncoming'
  | 'emit'
>;

/** @internal */
export interface Controls {
  readonly latency: number;
  readonly verificationResult: VerificationResult | undefined;
  ensureOnline(): void;
  /** A server round trip: latency, and the connection must still be up. */
  roundTrip(): Promise<void>;
  /** The error the current `connect` fails with, if one was asked for or the network is off. */
  connectFailure(): unknown;
  takeSendFailure(): TransportError | undefined;
  checkAlive(): void;
  methods: ControlMethods;
}

/** A delay option in milliseconds, checked. @internal */
export function delayOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OptionError(name, `expected a number of milliseconds ≥ 0, got ${String(value)}`);
  }
  return value;
}

/** Plain data `{ code, retryable }` or a thrown error, as a TransportError. */
function asError(name: string, error: unknown, fallback: TransportErrorCode, what: string): unknown {
  if (error instanceof Error) return error;
  const e = (error ?? {}) as SimulatedSendError;
  return new TransportError(name, e.code ?? fallback, `${what} (simulated)`, { retryable: e.retryable ?? true });
}

/** Manual ack and injected events: they act on the core alone, with no state of their own. */
function flowMethods(
  host: Core,
  accept: (message: OutgoingMessage, overrides?: AckOverrides) => SendReceipt,
): Pick<MemoryTransport, 'holdSends' | 'releaseSends' | 'pendingSends' | 'ack' | 'reject' | 'emitIncoming' | 'emit'> {
  const { gate, net } = host;
  return {
    holdSends() {
      gate.holding = true;
    },
    releaseSends() {
      gate.holding = false;
    },
    pendingSends: () => gate.pending(),
    ack: (clientId, overrides) => gate.settle(clientId, (message) => accept(message, overrides)),
    reject(clientId, error) {
      const failure = asError('memory', error, 'network', 'send rejected');
      try {
        gate.settle(clientId, () => {
          throw failure;
        });
      } catch (e) {
        // The send's caller gets `failure`; only a mistake (no such held send) is the control's.
        if (e !== failure) throw e;
      }
    },
    emitIncoming: ((input: IncomingInput): IncomingMessage | undefined => {
      const made = toEvent(input, { bot: botVoice(host), operator: operator(host.t) });
      const event = made.kind === 'append' ? append(host.conv, made.input) : made.event;
      observe(host.conv, event);
      net.deliver(event);
      return event.type === 'message' ? event.message : undefined;
    }) as MemoryTransport['emitIncoming'],
    emit(event) {
      observe(host.conv, event);
      net.dispatch(event);
    },
  };
}

/** @internal */
export function createControls(
  host: Core,
  initialLatency: number,
  accept: (message: OutgoingMessage, overrides?: AckOverrides) => SendReceipt,
): Controls {
  const { net, timers } = host;
  const name = 'memory';
  let latency = initialLatency;
  let failSend: TransportError | undefined;
  let failConnect: unknown;
  let forcedOffline = false;
  let verificationResult: VerificationResult | undefined;

  const networkError = () => new TransportError(name, 'network', 'not connected (simulated)');
  const ensureOnline = () => {
    if (net.status !== 'online') throw networkError();
  };

  const methods: ControlMethods = {
    ...flowMethods(host, accept),
    setVerificationResult(result) {
      verificationResult = result;
    },
    setLatency(ms) {
      latency = delayOption('latency', ms, 0);
    },
    failNextSend(error = {}) {
      failSend = asError(name, error, 'network', 'send failed') as TransportError;
    },
    failNextConnect(error) {
      failConnect = error ?? networkError();
    },
    dropConnection({ reconnectAfterMs = 1000 } = {}) {
      if (net.status !== 'online') return;
      net.setStatus('reconnecting', reconnectAfterMs);
      timers.later(reconnectAfterMs, () => {
        if (net.status === 'reconnecting') net.setStatus('online');
      });
    },
    goOffline() {
      forcedOffline = true;
      if (net.status !== 'idle') net.setStatus('offline');
    },
    goOnline() {
      forcedOffline = false;
      if (net.status === 'offline' || net.status === 'reconnecting') net.setStatus('online');
    },
  };

  return {
    get latency() {
      return latency;
    },
    get verificationResult() {
      return verificationResult;
    },
    ensureOnline,
    async roundTrip() {
      ensureOnline();
      if (latency > 0) await timers.wait(latency);
      ensureOnline();
    },
    connectFailure() {
      const failure = failConnect ?? (forcedOffline ? networkError() : undefined);
      failConnect = undefined;
      return failure;
    },
    takeSendFailure() {
      const fail = failSend;
      failSend = undefined;
      return fail;
    },
    checkAlive() {
      // Liveness check: a simulated drop that is waiting to reconnect comes back at once.
      if (net.status === 'reconnecting' && !forcedOffline) net.setStatus('online');
    },
    methods,
  };
}
