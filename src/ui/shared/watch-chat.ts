/**
 * Turns chat state changes into live-region announcements: new bot/operator messages (once
 * each, never the history), connection changes, failed sends, operator joins, closing.
 * @module
 */
import { effect } from '@preact/signals-core';
import type { Chat } from '../../core/chat';
import type { ChatMessage, ConnectionStatus } from '../../core/model';
import type { I18n } from '../../i18n';
import type { Announcer } from './announcer';
import { messageText, senderName } from './describe-message';

/** Messages older than this when they arrive are history, not news. */
const FRESH_MS = 2 * 60_000;

/** Most messages one change is looked at for: more at once is a page of history, not news. */
const MAX_WALK = 200;

const isUnsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed';

const keysOf = (m: ChatMessage) => (m.clientId ? [m.id, m.clientId] : [m.id]);

function isFresh(m: ChatMessage, now: number): boolean {
  const t = Date.parse(m.createdAt);
  return Number.isNaN(t) || now - t < FRESH_MS;
}

/** Starts watching; returns the function that stops it. */
export function watchChat(chat: Chat, i18n: I18n, announcer: Announcer): () => void {
  const s = chat.state;
  const known = new Set<string>();
  const failed = new Set<string>();
  let primed = false;
  let lastConnection: ConnectionStatus = s.connection.peek();
  let operatorId = s.operator.peek()?.id ?? null;
  let conversation = s.conversation.peek();

  // O(1) per change: only the tail is looked at, back to the newest message already known and
  // past the unsent ones (which stay at the end of the list, see message-list.ts). Messages put
  // anywhere else (older pages, a resync's history) are history, never news.
  const stopMessages = effect(() => {
    const list = s.messages.value;
    const now = Date.now();
    const fresh: ChatMessage[] = [];
    for (let i = list.length - 1, walked = 0; i >= 0 && walked < MAX_WALK; i--, walked++) {
      const m = list[i]!;
      const isNew = !keysOf(m).some((k) => known.has(k));
      if (!isNew && !isUnsent(m)) break;
      if (isNew) {
        for (const k of keysOf(m)) known.add(k);
        fresh.push(m);
      }
      if (m.status === 'failed' && m.clientId && !failed.has(m.clientId)) {
        failed.add(m.clientId);
        if (primed) announcer.say(i18n.t('announce.sendFailed'));
      }
    }
    if (primed) {
      for (let j = fresh.length - 1; j >= 0; j--) {
        const m = fresh[j]!;
        if (m.from.role === 'user' || m.from.role === 'system' || !isFresh(m, now)) continue;
        const { text, file } = messageText(m);
        if (text) announcer.message({ name: senderName(m.from, i18n), text, file });
      }
    }
    primed = true;
  });

  const stopStatus = effect(() => {
    const status = s.connection.value;
    const prev = lastConnection;
    lastConnection = status;
    if (status === prev) return;
    if (status === 'reconnecting') announcer.say(i18n.t('status.reconnecting'));
    else if (status === 'offline') announcer.say(i18n.t('status.waitingNetwork'));
    else if (status === 'online' && (prev === 'reconnecting' || prev === 'offline' || prev === 'failed')) {
      announcer.say(i18n.t('status.backOnline'));
    }
  });

  const stopOperator = effect(() => {
    const operator = s.operator.value;
    const id = operator?.id ?? null;
    if (operator && id !== operatorId) announcer.say(i18n.t('handoff.joined', { name: senderName(operator, i18n) }));
    operatorId = id;
  });

  const stopConversation = effect(() => {
    const state = s.conversation.value;
    if (state === 'closed' && conversation !== 'closed') announcer.say(i18n.t('conversation.closed'));
    conversation = state;
  });

  return () => {
    stopMessages();
    stopStatus();
    stopOperator();
    stopConversation();
  };
}
