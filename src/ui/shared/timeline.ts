/**
 * System lines the transcript shows between messages ("Anna joined the chat", "Conversation
 * closed"). Core keeps only the current operator and conversation state, so the widget records
 * the moments they change, anchored after the message that was last at that time.
 * @module
 */
import { effect, signal, type ReadonlySignal } from '@preact/signals-core';
import type { Chat } from '../../core/chat';

/** One system line. */
export interface TimelineNote {
  key: string;
  kind: 'joined' | 'left' | 'closed';
  name?: string;
  /** The message this line follows (by id or clientId); none when the transcript was empty. */
  after?: { id: string; clientId?: string };
}

/** The recorded notes and a stop function. */
export interface Timeline {
  readonly notes: ReadonlySignal<readonly TimelineNote[]>;
  dispose(): void;
}

/** Starts recording operator joins/leaves and conversation closes. */
export function createTimeline(chat: Chat): Timeline {
  const s = chat.state;
  const notes = signal<readonly TimelineNote[]>([]);
  let counter = 0;
  let operator = s.operator.peek();
  let conversation = s.conversation.peek();

  const add = (kind: TimelineNote['kind'], name?: string) => {
    const last = s.messages.peek().at(-1);
    const note: TimelineNote = {
      key: `n${++counter}`,
      kind,
      ...(name !== undefined ? { name } : {}),
      ...(last ? { after: { id: last.id, ...(last.clientId ? { clientId: last.clientId } : {}) } } : {}),
    };
    notes.value = [...notes.peek(), note];
  };

  const stopOperator = effect(() => {
    const next = s.operator.value;
    const prev = operator;
    operator = next;
    if (next && next.id !== prev?.id) add('joined', next.name ?? '');
    else if (!next && prev && s.conversation.peek() !== 'closed') add('left', prev.name ?? '');
  });
  const stopConversation = effect(() => {
    const next = s.conversation.value;
    if (next === 'closed' && conversation !== 'closed') add('closed');
    conversation = next;
  });

  return {
    notes,
    dispose() {
      stopOperator();
      stopConversation();
    },
  };
}
