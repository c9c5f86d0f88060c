/**
 * Operator protocol frames of the desk area: the client frames its commands accept (parsed in
 * server/ws/commands/desk.ts) and the server frames it sends. Documented in docs/protocol.md §Operator API.
 * @module
 */
import type { WireMessage } from '../../src/protocol/frames';

/** One search result: a message of a conversation the operator may see. */
export interface DeskSearchResult {
  conversationId: string;
  seq: number;
  /** `user`, `agent`, `bot` or `system`. */
  role: string;
  /** Plain text around the first match (never HTML). */
  snippet: string;
  /** ISO time of the message. */
  at: string;
  /** The conversation's title (topic in words, else the customer's first words), when known. */
  title?: string;
}

/** A team canned reply (`/shortcut` in the composer). */
export interface DeskCannedReply {
  id: string;
  shortcut: string;
  title: string;
  /** May hold `{name}` (the customer's name) and `{operator}` (yours), filled by the console. */
  body: string;
  updatedBy: string;
  updatedAt: string;
}

/** An internal note: staff only, never sent to the customer. */
export interface DeskNote {
  id: string;
  conversationId: string;
  author: { id: string; name: string };
  text: string;
  at: string;
}

/** One of the customer's other conversations. */
export interface DeskPastConversation {
  conversationId: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  title?: string;
}

/** An operator online. */
export interface DeskOnlineOperator {
  id: string;
  name: string;
  role: 'operator' | 'supervisor';
  /** Consoles open (tabs), on every server process that reported this operator. */
  consoles: number;
}

/**
 * The answer to a desk command (`ref` = the request's `id`): the fields of that command's data.
 * Refusals are `nack` frames, as for the core frames.
 */
export interface DeskResultFrame {
  t: 'desk.result';
  ref: string;
  /** `desk.search` */
  results?: DeskSearchResult[];
  /** `desk.canned.list`, `desk.canned.save`, `desk.canned.delete`: the whole list after the change. */
  canned?: DeskCannedReply[];
  /** `desk.notes`, `desk.note.add`: the conversation's notes. */
  notes?: DeskNote[];
  /** `desk.history` */
  conversations?: DeskPastConversation[];
  /** `desk.past`: the transcript of one of the customer's other conversations (read-only). */
  messages?: WireMessage[];
  /** `desk.online`: the operators online, with names: on this process and on the others (presence on the bus). */
  operators?: DeskOnlineOperator[];
  /** `desk.online`: operators heard of from other processes by id only (a process that sent no names). */
  remoteOperators?: number;
  /** `desk.transfer`: the new holder (absent: back to the queue). */
  to?: { id: string; name: string };
}

/** Server → operator frames of the desk area (pushes; answers are `ack` frames). */
export type DeskServerFrame =
  | DeskResultFrame
  /** The team's canned replies changed: the whole list, to every console that asked for it. */
  | { t: 'desk.canned'; canned: DeskCannedReply[] };
