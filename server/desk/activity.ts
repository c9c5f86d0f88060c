/**
 * What a queue row shows of a conversation's messages: a preview of the customer's last message,
 * how many of the customer's messages came after the operator's read mark, and the seq of the last
 * one (so a console can mark waiting rows new since it last looked).
 * @module
 */
import type { WireMessage } from '../../src/protocol/frames';
import type { ConversationRow } from '../db/rows';
import type { ServerContext } from '../domain/context';

/** How many recent messages are looked at (unread counts stop there: "20+"). */
export const RECENT = 20;
/** Longest preview, characters. */
export const PREVIEW_LENGTH = 140;

/** The queue row's part from the messages. */
export interface RowActivity {
  preview?: { text: string; at: string };
  unread: number;
  lastCustomerSeq?: number;
}

/** The text of a message in one line: its text parts, else its files' names. */
export function messageLine(m: WireMessage): string {
  const text = m.parts
    .flatMap((p) => (p.kind === 'text' ? [p.text] : p.kind === 'attachment' ? [`📎 ${p.attachment.name}`] : []))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** Preview, unread count and last customer seq of a conversation. */
export async function rowActivity(ctx: ServerContext, conv: ConversationRow): Promise<RowActivity> {
  const recent = await ctx.store.messagesBefore(conv.id, Number.MAX_SAFE_INTEGER, RECENT); // newest first
  const fromCustomer = recent.filter((m) => m.from.role === 'user');
  const last = fromCustomer[0];
  const out: RowActivity = { unread: conv.operatorId ? fromCustomer.filter((m) => m.seq > conv.readUpTo).length : 0 };
  if (last) {
    out.lastCustomerSeq = last.seq;
    const text = messageLine(last);
    if (text) out.preview = { text, at: last.createdAt };
  }
  return out;
}
