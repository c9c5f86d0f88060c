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

/** @internal */
export interface SendGate {
  holding: boolean;
  /** Parks `message` until {@link SendGate.settle}. */
  park(message: OutgoingMessage): Promise<SendReceipt>;
  pending(): OutgoingMessage[];
  /**
   * Settles every parked attempt of `clientId` (a retry waiting beside the first attempt gets
   * the same answer): with what `answer` returns, or its throw.
   */
  settle(clientId: string, answer: (message: OutgoingMessage) => SendReceipt): SendReceipt;
}

/** @internal */
export function createSendGate(): SendGate {
  let parked: [OutgoingMessage, (result: () => SendReceipt) => void][] = [];
  return {
    holding: false,
    park: (message) =>
      new Promise<SendReceipt>((resolve, reject) =>
        parked.push([
          message,
          (r) => {
            try {
              resolve(r());
            } catch (e) {
              reject(e);
            }
          },
        ]),
      ),
    pending: () => parked.map(([m]) => m),
    settle(clientId, answer) {
      const mine = parked.filter(([m]) => m.clientId === clientId);
      if (!mine.length) throw new Error(`no held send ${clientId}`);
      parked = parked.filter(([m]) => m.clientId !== clientId);
      let result: () => SendReceipt;
      try {
        const receipt = answer(mine[0]![0]);
        result = () => receipt;
      } catch (error) {
        result = () => {
          throw error;
        };
      }
      for (const [, done] of mine) done(result);
      return result();
    },
  };
}
