/**
 * Applies durable transport events (messages, participants, queue, handoff, conversation) to the
 * state. Status, typing, errors and resync are handled by the chat itself.
 * @module
 */
import { batch } from '@preact/signals-core';
import { markReadUpTo, patchMessage, removeMessage } from './message-list';
import type { ChatMessage } from './model';
import type { WritableChatState } from './state';
import type { TransportEvent } from './transport';

/** @internal */
export function applyTransportEvent(s: WritableChatState, event: TransportEvent, addMessage: (message: ChatMessage) => void): void {
  batch(() => {
    switch (event.type) {
      case 'message':
        addMessage({ ...event.message, status: event.message.status ?? 'sent' });
        return;
      case 'message.updated':
        s.messages.value = patchMessage(s.messages.peek(), { id: event.message.id }, (m) => ({
          ...m,
          ...event.message,
          status: event.message.status ?? m.status,
        }));
        return;
      case 'message.deleted':
        s.messages.value = removeMessage(s.messages.peek(), { id: event.id });
        return;
      case 'read':
        if (event.by.role !== 'user') s.messages.value = markReadUpTo(s.messages.peek(), event.upTo);
        return;
      case 'participant':
        if (event.participant.role === 'agent') {
          s.operator.value = event.action === 'joined' ? event.participant : null;
        }
        // Someone who left is no longer typing.
        if (event.action === 'left' && s.typing.peek()?.id === event.participant.id) s.typing.value = null;
        return;
      case 'conversation':
        s.conversation.value = event.state;
        if (event.state === 'closed') {
          s.operator.value = null;
          s.queue.value = null;
          s.typing.value = null;
          s.handoff.value = { state: 'none' };
        } else {
          s.rated.value = null;
        }
        return;
      case 'queue':
        s.queue.value = event.queue;
        return;
      case 'handoff': {
        s.handoff.value = {
          state: event.state,
          ...(event.challenge ? { challenge: event.challenge } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        };
        if (event.availability) s.availability.value = event.availability;
        if (event.state !== 'queued') s.queue.value = null;
        if (event.state === 'queued' || event.state === 'accepted') s.conversation.value = event.state === 'queued' ? 'queued' : 'open';
        return;
      }
      case 'availability':
        s.availability.value = event.availability;
        return;
      case 'capabilities':
        s.capabilities.value = { ...s.capabilities.peek(), ...event.capabilities };
        return;
      default:
        // Unknown event kinds are ignored (forward compatibility).
        return;
    }
  });
}
