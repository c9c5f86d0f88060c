/**
 * SQLite engine: the multi-statement writes (an event, a message and its event, a challenge). Each
 * runs inside the turn's transaction, in a savepoint of its own (sqlite-batch.ts), so it is atomic.
 * @module
 */
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { AppendedMessage } from './chat-store';
import type { ChallengeRow } from './rows';
import type { Statements } from './sqlite-statements';

/** The appends of one database's statements. */
export function sqliteAppends(s: Statements) {
  const nextSeq = (conversationId: string, now: number): number => {
    const row = s.bumpSeq.get(now, conversationId) as { last_seq: number } | undefined;
    if (!row) throw new Error(`unknown conversation ${conversationId}`);
    return row.last_seq;
  };
  return {
    event(conversationId: string, event: WireEvent, now: number): number {
      const seq = nextSeq(conversationId, now);
      s.insertEvent.run(conversationId, seq, event.type, JSON.stringify(event), now);
      return seq;
    },
    message(message: Omit<WireMessage, 'seq'>, now: number): AppendedMessage {
      if (message.clientId !== undefined) {
        const existing = s.messageByClientId.get(message.conversationId, message.clientId) as { payload: string } | undefined;
        if (existing) return { message: JSON.parse(existing.payload) as WireMessage, created: false };
      }
      const seq = nextSeq(message.conversationId, now);
      const full: WireMessage = { ...message, seq };
      // The payload once, in the message row; its event refers to it by seq (v12).
      s.insertMessage.run(full.id, full.conversationId, seq, full.clientId ?? null, JSON.stringify(full), now);
      s.insertMessageEvent.run(full.conversationId, seq, now);
      return { message: full, created: true };
    },
    challenge(row: Omit<ChallengeRow, 'status'>): void {
      s.replaceChallenges.run(row.conversationId);
      s.insertChallenge.run(row);
    },
  };
}
