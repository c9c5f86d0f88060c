import { describe, expect, it } from 'vitest';
import { checkCapabilities } from '../../src/protocol/capabilities';
import { checkClientFrame, clientFrameCheckers } from '../../src/protocol/client-frames';
import { checkTransportEvent } from '../../src/protocol/events';
import { checkServerFrame, checkWelcome } from '../../src/protocol/server-frames';

const summary = { id: 'c2', channel: 'notifications', state: 'open', readOnly: true, updatedAt: '2026-12-01T10:00:00Z', unread: 2 };

describe('several conversations on the wire', () => {
  it('the capability keeps valid channels only; false turns it off', () => {
    expect(
      checkCapabilities({
        conversations: {
          channels: [{ id: 'support', readOnly: false }, { id: 7 }, { id: 'notifications', readOnly: true, title: 'News' }],
        },
      }),
    ).toEqual({
      conversations: {
        channels: [
          { id: 'support', readOnly: false },
          { id: 'notifications', readOnly: true, title: 'News' },
        ],
      },
    });
    expect(checkCapabilities({ conversations: false })).toEqual({ conversations: false });
    expect(checkCapabilities({ conversations: 'yes' })).toEqual({});
  });

  it('welcome carries the list (a bad entry is left out); conversation.summary is checked', () => {
    const w = checkWelcome({ sessionToken: 't', conversationId: 'c1', cursor: '3', conversations: [summary, { id: 'c3', unread: -1 }] });
    expect(w.ok && w.value.conversations).toEqual([summary]);
    const none = checkWelcome({ sessionToken: 't', conversationId: 'c1', cursor: '3' });
    expect(none.ok && 'conversations' in none.value).toBe(false);
    const f = checkServerFrame({
      t: 'conversation.summary',
      conversation: { ...summary, lastMessage: { text: 'Hi', from: 'bot', at: 'now' } },
    });
    expect(f.ok === true && f.value).toMatchObject({ t: 'conversation.summary', conversation: { id: 'c2', lastMessage: { text: 'Hi' } } });
    expect(checkServerFrame({ t: 'conversation.summary', conversation: { ...summary, unread: 'many' } }).ok).toBe(false);
  });

  it('hello.open and conversations.list are client frames; transport events are checked', () => {
    const checkers = clientFrameCheckers({ maxTextLength: 100, maxFiles: 1 });
    const hello = checkClientFrame({ t: 'hello', id: 'h', open: { channel: 'support', new: true } }, checkers);
    expect(hello.ok && hello.value).toMatchObject({ open: { channel: 'support', new: true } });
    expect(checkClientFrame({ t: 'hello', id: 'h', open: { new: 'yes' } }, checkers).ok).toBe(false);
    expect(checkClientFrame({ t: 'conversations.list', id: 'l' }, checkers).ok).toBe(true);
    expect(checkTransportEvent({ type: 'conversation.switched', conversationId: 'c2' }).ok).toBe(true);
    expect(checkTransportEvent({ type: 'conversation.switched' }).ok).toBe(false);
    expect(checkTransportEvent({ type: 'conversations', conversations: [summary], activeId: 'c2' }).ok).toBe(true);
  });
});
