/**
 * The emulator's "server": its state (one conversation, the user, the language), what it does
 * when a message arrives (store, number, echo, answer) and the parts it is made of. The
 * Transport methods (`../memory.ts`) and the controls (`controls.ts`) act on it.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { Capabilities, Part } from '../../core/model';
import type { ChatUser, IncomingMessage, OutgoingMessage, SendReceipt, SessionSnapshot } from '../../core/transport';
import { createBot, type Bot } from './bot';
import { memoryCapabilities } from './capabilities';
import { createConnection, type Connection } from './connection';
import { append, createConversation, type Conversation } from './conversation';
import { createControls, delayOption, type Controls } from './controls';
import { createHandoff, type Handoff } from './handoff';
import { createScheduler, type Scheduler } from './scheduler';
import { createSendGate, type AckOverrides, type SendGate } from './sends';
import { botVoice, record, reply } from './say';
import { handoffText, type HandoffText } from './text';
import type { MemoryCall, MemoryTransportOptions } from './types';

/** Name of the adapter in errors and snapshots. @internal */
export const NAME = 'memory';

/** @internal */
export interface Core {
  readonly replyDelay: number;
  readonly botOn: boolean;
  readonly echo: boolean;
  readonly operatorsOnline: boolean;
  /** Scripted handoff steps (see {@link MemoryTransportOptions.handoff}). */
  readonly scripted: boolean;
  readonly verification: boolean;
  readonly code: string;
  readonly queueStepMs: number;
  readonly random: () => number;
  readonly capabilities: Capabilities;
  readonly net: Connection;
  readonly timers: Scheduler;
  readonly gate: SendGate;
  readonly bot: Bot;
  /** Every send the "server" accepted. */
  readonly sent: OutgoingMessage[];
  readonly calls: MemoryCall[];
  conv: Conversation;
  user: ChatUser;
  t: HandoffText;
  userTyping: boolean;
  readUpTo: number;
  controls: Controls;
  handoff: Handoff;
}

/** A closed conversation opens again when the user writes or asks for a person. @internal */
export function reopen(c: Core): void {
  if (c.conv.state !== 'closed') return;
  c.conv.state = 'open';
  record(c, { type: 'conversation', state: 'open' });
}

/** @internal */
export const snapshot = ({ conv }: Core): SessionSnapshot => ({
  sessionToken: conv.token,
  conversationId: conv.id,
  ...(conv.seq ? { cursor: String(conv.seq) } : {}),
  adapter: { name: NAME },
});

/** The "server" accepting a message: stored with a seq, echoed, answered; a repeat gets the first receipt. @internal */
export function accept(c: Core, message: OutgoingMessage, overrides: AckOverrides = {}): SendReceipt {
  const { conv, user } = c;
  const known = conv.receipts.get(message.clientId);
  if (known) return known;
  const body = message.text?.trim() ?? '';
  const files = message.attachments ?? [];
  if (!body && !files.length) throw new TransportError(NAME, 'invalid', 'empty message');
  reopen(c);
  const parts: Part[] = [
    ...(body ? [{ kind: 'text' as const, text: body }] : []),
    ...files.map((attachment) => ({ kind: 'attachment' as const, attachment })),
  ];
  const own: IncomingMessage = {
    id: overrides.id ?? createId(),
    clientId: message.clientId,
    from: { id: user.id ?? 'user', role: 'user', ...(user.name ? { name: user.name } : {}) },
    parts,
    createdAt: new Date().toISOString(),
    ...(message.action ? { action: message.action } : {}),
  };
  // The seq an ack names is the one the "server" gives (tests line it up with their events).
  if (overrides.seq !== undefined) conv.seq = overrides.seq - 1;
  const event = append(conv, { type: 'message', message: own });
  if (c.echo) c.net.deliver(event);
  const receipt: SendReceipt = { clientId: message.clientId, id: own.id, createdAt: own.createdAt, seq: conv.seq };
  conv.receipts.set(message.clientId, receipt);
  c.sent.push(message);
  if (conv.phase === 'operator') c.handoff.userWrote(conv.seq);
  else if (c.botOn && conv.phase === 'bot' && message.action?.kind !== 'handoff') {
    const r = c.bot.answer(conv, body, message.action);
    // Words asking for a person hand off at once, as the server's bot does.
    if (r.handoff) c.handoff.request();
    else reply(c, botVoice(c), r.parts, r.quickReplies);
  }
  return receipt;
}

/** Builds the emulator's state and parts from the options (checked here). @internal */
export function createCore(options: MemoryTransportOptions): Core {
  const c = {
    replyDelay: delayOption('replyDelayMs', options.replyDelayMs, 600),
    botOn: options.bot ?? true,
    echo: options.echo ?? true,
    operatorsOnline: options.operatorsOnline ?? true,
    scripted: options.handoff ?? true,
    verification: options.verification ?? true,
    code: options.verificationCode ?? '123456',
    queueStepMs: delayOption('queueStepMs', options.queueStepMs, 1500),
    random: options.random ?? Math.random,
    capabilities: memoryCapabilities(options),
    net: createConnection(),
    timers: createScheduler(),
    gate: createSendGate(),
    bot: createBot(),
    sent: [],
    calls: [],
    conv: createConversation(),
    user: {},
    t: handoffText('en'),
    userTyping: false,
    readUpTo: 0,
  } as Omit<Core, 'controls' | 'handoff'> as Core;
  // The controls and the handoff act on the core, so they are made once the rest of it exists.
  c.controls = createControls(c, delayOption('latencyMs', options.latencyMs, 0), (message, overrides) => accept(c, message, overrides));
  c.handoff = createHandoff(c);
  return c;
}
