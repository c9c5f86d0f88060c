/**
 * Operators offline: what the server says about it and the contact a customer leaves for the next
 * shift. Times are written once, by `formatReturnTime` (src/protocol/when.ts), in the customer's
 * locale and time zone (`hello.client.timeZone`), else in the server's zone with its name.
 *
 * Hooks used by the shared modules: {@link offlineNotice} (handoff.ts, when a handoff is left for
 * the next shift), {@link followAvailability} (bot-runner.ts: the bot's greeting and its
 * "connecting you" line follow availability) and {@link pendingContact} (snapshot, console).
 * @module
 */
import type { Availability, LeaveContactRequest } from '../../src/core/model';
import type { HandoffContactFrame } from '../../src/protocol/frames';
import { type CallbackWindow, isCallbackWindow, MAX_CONTACT_NOTE, normalizePhone } from '../../src/protocol/contact';
import { formatReturnTime } from '../../src/protocol/when';
import type { BotOutput } from '../bot-types';
import type { ContactRow, ConversationRow, SessionRow } from '../db/rows';
import type { LeftContact } from '../operator-protocol';
import { isOpen } from '../hours';
import { availability, inConversation, type ServerContext } from './context';
import { emit, emitMessage } from './emit';
import { ServiceError } from './errors';
import { requestHandoffLocked } from './handoff';
import { botFor } from './snapshot';
import { storedText } from './masking';

/** Why a handoff event says `offline` once the customer left a contact. */
export const CONTACT_LEFT = 'contact_left';

type Lang = 'en' | 'ru';

/** "tomorrow at 09:00" for the customer of `conv` ('' when there is no next shift). */
export async function backWhen(ctx: ServerContext, conv: ConversationRow, nextOpenAt: string | undefined): Promise<string> {
  if (!nextOpenAt) return '';
  const session = await ctx.store.session(conv.sessionId);
  const zone = session?.profile.timeZone;
  // The session's full tag ("en-GB") picks the clock (24 h or AM/PM) the widget uses too.
  const tag = session?.locale.toLowerCase().startsWith(conv.locale) ? session.locale : conv.locale;
  return formatReturnTime(nextOpenAt, tag, {
    timeZone: zone ?? ctx.config.timeZone,
    zoneName: zone === undefined,
    now: ctx.config.now(),
  });
}

/** " Urgent …? Call <emergencyPhone>." while nobody is on shift, when the server has a line. */
function urgentLine(ctx: ServerContext, lang: Lang): string {
  const phone = ctx.config.emergencyPhone;
  if (!phone) return '';
  return lang === 'ru'
    ? ` Срочно — потеряли карту или подозреваете мошенников? Звоните ${phone}.`
    : ` Urgent — a lost card or fraud? Call ${phone}.`;
}

/** The bot's notice when a handoff is left for the next shift. */
export async function offlineNotice(ctx: ServerContext, conv: ConversationRow, avail: Availability): Promise<string> {
  const when = await backWhen(ctx, conv, avail.nextOpenAt);
  if (conv.locale === 'ru') {
    return `${when ? `Сейчас операторы не работают, они вернутся ${when}.` : 'Сейчас операторы не работают.'} Оставьте e-mail или телефон и сообщение: оператор следующей смены ответит здесь. Переписка сохранится.${urgentLine(ctx, 'ru')}`;
  }
  return `${when ? `Our operators are offline right now and back ${when}.` : 'Our operators are offline right now.'} Leave your e-mail or phone number and a message: an operator of the next shift will reply here. This conversation is kept.${urgentLine(ctx, 'en')}`;
}

const WINDOWS: Record<Lang, Record<string, string>> = {
  en: { any: '', morning: ' in the morning', afternoon: ' in the afternoon', evening: ' in the evening' },
  ru: { any: '', morning: ' утром', afternoon: ' днём', evening: ' вечером' },
};

function windowText(lang: Lang, w: string | null): string {
  if (!w) return '';
  return WINDOWS[lang][w] ?? (lang === 'ru' ? ` около ${w}` : ` at about ${w}`);
}

/** What the bot confirms once a contact is stored: what happens next. */
export function confirmation(lang: Lang, when: string, c: Pick<ContactRow, 'email' | 'phone' | 'callbackWindow'>): string {
  if (lang === 'ru') {
    const shift = when ? `Оператор следующей смены (она начнётся ${when})` : 'Оператор';
    const email = c.email ? `, а также на e-mail ${c.email}` : '';
    const phone = c.phone ? ` и перезвонит на ${c.phone}${windowText(lang, c.callbackWindow)}` : '';
    return `Спасибо, сообщение принято. ${shift} ответит здесь${email}${phone}.`;
  }
  const shift = when ? `An operator of the next shift (it starts ${when})` : 'An operator';
  const email = c.email ? ` and by e-mail to ${c.email}` : '';
  const phone = c.phone ? ` and call you at ${c.phone}${windowText(lang, c.callbackWindow)}` : '';
  return `Thank you, we have your message. ${shift} will reply here${email}${phone}.`;
}

/** The request a validated `handoff.contact` frame carries. */
export function contactRequest(f: HandoffContactFrame): LeaveContactRequest {
  return {
    contact: f.contact,
    ...(f.callbackWindow !== undefined ? { callbackWindow: f.callbackWindow } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
  };
}

/**
 * What the console shows of the contact a conversation's customer left: while it waits (it comes
 * first), and after an operator took it, who needs it to write or call back.
 */
export async function contactForConsole(ctx: ServerContext, conv: ConversationRow): Promise<LeftContact | undefined> {
  const c = await ctx.store.contact(conv.id);
  if (!c) return undefined;
  const session = await ctx.store.session(conv.sessionId);
  return {
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    ...(c.callbackWindow ? { callbackWindow: c.callbackWindow } : {}),
    ...(c.note ? { note: c.note } : {}),
    ...(session?.profile.timeZone ? { timeZone: session.profile.timeZone } : {}),
    at: new Date(c.createdAt).toISOString(),
  };
}

/** The contact of `conv` when it was left for its current wait (so it puts the conversation first). */
export async function pendingContact(ctx: ServerContext, conv: ConversationRow): Promise<ContactRow | undefined> {
  if (conv.queuedAt === null || (conv.handoff !== 'offline' && conv.handoff !== 'queued')) return undefined;
  const c = await ctx.store.contact(conv.id);
  return c && c.queuedAt === conv.queuedAt ? c : undefined;
}

/**
 * A handoff asked for again while it is already left for the next shift: says so again (durably),
 * so a client that showed "requested" learns at once that nobody is coming before the next shift.
 */
export async function repeatOffline(ctx: ServerContext, conv: ConversationRow): Promise<void> {
  const reason = (await pendingContact(ctx, conv)) ? CONTACT_LEFT : 'outside_hours';
  await emit(ctx, conv.id, { type: 'handoff', state: 'offline', reason, availability: availability(ctx) });
}

/**
 * Stores the contact a customer leaves while operators are offline, puts the conversation first
 * for the next shift, and confirms in the conversation what happens next. A conversation not yet
 * waiting is handed off first (left for the next shift, or queued if a shift started meanwhile).
 */
export function leaveContact(ctx: ServerContext, session: SessionRow, conversationId: string, req: LeaveContactRequest): Promise<void> {
  return inConversation(ctx, conversationId, async () => {
    const conv = await ctx.store.conversation(conversationId);
    if (!conv) throw new ServiceError('not_found', 'unknown conversation');
    if (conv.userKey !== session.userKey) throw new ServiceError('forbidden', 'this conversation belongs to another user');
    await leaveContactLocked(ctx, conv, req);
  });
}

/** {@link leaveContact} for a caller that holds the conversation's lock and checked who asks. */
async function leaveContactLocked(ctx: ServerContext, conv: ConversationRow, req: LeaveContactRequest): Promise<void> {
  if (conv.handoff === 'accepted') throw new ServiceError('invalid', 'an operator already has this conversation: write to them here');
  if (conv.handoff !== 'offline' && conv.handoff !== 'queued') {
    await requestHandoffLocked(ctx, conv.id, { reason: CONTACT_LEFT });
    conv = (await ctx.store.conversation(conv.id))!;
  }
  const now = ctx.config.now();
  const row: ContactRow = {
    conversationId: conv.id,
    email: req.contact.email ?? null,
    phone: req.contact.phone ?? null,
    callbackWindow: req.callbackWindow ?? null,
    note: req.note?.trim() ? storedText(ctx, req.note.trim()) : null,
    queuedAt: conv.queuedAt,
    createdAt: now,
  };
  await ctx.store.saveContact(row);
  ctx.log.info('contact left for the next shift', { conversation: conv.id, email: !!row.email, phone: !!row.phone });
  const avail = availability(ctx);
  if (conv.handoff === 'offline')
    await emit(ctx, conv.id, { type: 'handoff', state: 'offline', reason: CONTACT_LEFT, availability: avail });
  const when = await backWhen(ctx, conv, avail.nextOpenAt);
  await emitMessage(ctx, conv.id, { from: botFor(conv.locale), parts: [{ kind: 'text', text: confirmation(conv.locale, when, row) }] });
  ctx.onQueueChange();
}

// "Please call me back: +44 20 7946 0018" / "Перезвоните мне на +7 916 123-45-67 вечером".
const CALLBACK = /\b(?:call me|call back|callback|ring me|phone me)\b|перезвон|позвоните мне|наберите меня|свяжитесь со мной/iu;
const PHONE_IN_TEXT = /\+?\d[\d\s().-]{5,}\d/gu;
const WINDOW_WORDS: Array<[RegExp, CallbackWindow]> = [
  [/morning|утром|утра\b/iu, 'morning'],
  [/afternoon|днём|днем|после обеда/iu, 'afternoon'],
  [/evening|вечером|вечера\b/iu, 'evening'],
];

/** The phone and callback window of a request to be called back, or undefined when it is not one. */
export function callbackRequestOf(text: string): { phone: string; callbackWindow?: CallbackWindow } | undefined {
  if (!CALLBACK.test(text)) return undefined;
  const phone = [...text.matchAll(PHONE_IN_TEXT)].map((m) => normalizePhone(m[0])).find((p) => p !== undefined);
  if (!phone) return undefined;
  const at = /(?:^|\s)(?:at|about|в|около|после|after)\s+(\d{1,2})[:.](\d{2})(?!\d)/iu.exec(text);
  const time = at ? `${at[1]!.padStart(2, '0')}:${at[2]}` : undefined;
  const callbackWindow = time && isCallbackWindow(time) ? time : WINDOW_WORDS.find(([re]) => re.test(text))?.[1];
  return { phone, ...(callbackWindow ? { callbackWindow } : {}) };
}

/**
 * While nobody is on shift, a message asking to be called back with a phone number leaves that
 * contact for the next shift (and is confirmed) instead of going to the bot, which would take it
 * for a question. The caller holds the conversation's lock. @returns true when it was taken.
 */
export async function takeCallbackRequest(ctx: ServerContext, conv: ConversationRow, text: string): Promise<boolean> {
  if (isOpen(ctx.schedule, ctx.config.now()) || conv.handoff === 'accepted' || conv.operatorId) return false;
  const request = callbackRequestOf(text);
  if (!request) return false;
  const { phone, callbackWindow } = request;
  await leaveContactLocked(ctx, conv, {
    contact: { phone },
    ...(callbackWindow ? { callbackWindow } : {}),
    note: text.slice(0, MAX_CONTACT_NOTE),
  });
  return true;
}

// The bot content promises a person "always one tap away" and says "Connecting you…" on a handoff:
// true while operators work, not at night. The bot's content is its own (server/bot/content); these
// patterns find the two sentences so the server can replace them while nobody is on shift.
const PROMISE = /[^.!?]*(?:one tap away|всегда на связи)[^.!?]*[.!?]\s*/giu;
const CONNECTING = /^(?:connecting you|соединяю|подключаю)/iu;

/** Greeting addition while operators are offline. */
async function offlineGreeting(ctx: ServerContext, conv: ConversationRow): Promise<string> {
  const when = await backWhen(ctx, conv, availability(ctx).nextOpenAt);
  if (conv.locale === 'ru') {
    return `${
      when
        ? `Сейчас операторы не работают, они вернутся ${when}; можно оставить им сообщение здесь.`
        : 'Сейчас операторы не работают; можно оставить им сообщение здесь.'
    }${urgentLine(ctx, 'ru')}`;
  }
  return `${
    when
      ? `Our operators are offline now and back ${when}; you can leave them a message here.`
      : 'Our operators are offline now; you can leave them a message here.'
  }${urgentLine(ctx, 'en')}`;
}

/**
 * Makes the bot's words follow availability while no operator works: the greeting's promise of a
 * person "one tap away" becomes when people are back, and the "Connecting you…" line of a handoff
 * is dropped (the offline notice follows instead). Online, the output is returned as it is.
 */
export async function followAvailability(ctx: ServerContext, conv: ConversationRow, out: BotOutput, greeting: boolean): Promise<BotOutput> {
  if (isOpen(ctx.schedule, ctx.config.now())) return out;
  if (greeting) {
    const extra = await offlineGreeting(ctx, conv);
    const [first, ...rest] = out.messages;
    if (!first) return out;
    const parts = first.parts.map((p, i) =>
      p.kind === 'text' && i === 0 ? { ...p, text: `${p.text.replace(PROMISE, '').trim()} ${extra}`.trim() } : p,
    );
    return { ...out, messages: [{ ...first, parts }, ...rest] };
  }
  if (!out.handoff) return out;
  const messages = out.messages.filter(
    (m) => !(m.parts.length === 1 && m.parts[0]!.kind === 'text' && !m.quickReplies?.length && CONNECTING.test(m.parts[0]!.text)),
  );
  return { ...out, messages };
}
