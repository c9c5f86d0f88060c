/**
 * Manual ack: while sends are held, each `send` waits here until the test or the QA panel acks
 * or rejects it, so "sent but not yet acknowledged" states can be reached and looked at.
 * @module
 */
import type { OutgoingMessage, SendReceipt } from '../../core/transport';

/** What an ack may fix about the receipt (the seq and id the "server" gives). */
export interface AckOverrides {
  seq?: number;
  id?: string;
}

interface Waiting {
  message: OutgoingMessage;
  resolve(receipt: SendReceipt): void;
  reject(error: unknown): void;
}

/** @internal */
export interface SendGate {
  holding: boolean;
  /** Parks `message` until {@link SendGate.ack} or {@link SendGate.reject}. */
  park(message: OutgoingMessage): Promise<SendReceipt>;
  pending(): OutgoingMessage[];
  /** Accepts every parked attempt of `clientId` through `accept`; returns the receipt. */
  ack(clientId: string, accept: (message: OutgoingMessage) => SendReceipt): SendReceipt;
  reject(clientId: string, error: unknown): void;
  /** Rejects everything parked (the connection closed). */
  rejectAll(error: unknown): void;
}

/** @internal */
export function createSendGate(): SendGate {
  let parked: Waiting[] = [];

  const take = (clientId: string): Waiting[] => {
    const mine = parked.filter((w) => w.message.clientId === clientId);
    if (!mine.length) throw new Error(`memory transport: no held send with clientId ${clientId}`);
    parked = parked.filter((w) => w.message.clientId !== clientId);
    return mine;
  };

  return {
    holding: false,
    park: (message) => new Promise<SendReceipt>((resolve, reject) => parked.push({ message, resolve, reject })),
    pending: () => parked.map((w) => w.message),
    ack(clientId, accept) {
      const mine = take(clientId);
      try {
        // A retry of the same clientId waiting beside the first attempt gets the same receipt.
        const receipt = accept(mine[0]!.message);
        for (const w of mine) w.resolve(receipt);
        return receipt;
      } catch (error) {
        for (const w of mine) w.reject(error);
        throw error;
      }
    },
    reject(clientId, error) {
      for (const w of take(clientId)) w.reject(error);
    },
    rejectAll(error) {
      const all = parked;
      parked = [];
      for (const w of all) w.reject(error);
    },
  };
}
