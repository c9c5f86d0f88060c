import { describe, expect, it, vi } from 'vitest';
import { botMessage as incoming } from './chat-helpers';
import type { ChatMessage } from '../../src/core/model';
import { engineOver, own } from './engine-helpers';
import { createUnread } from '../../src/core/engine/unread';

const botMessage = (seq: number): ChatMessage => ({ ...incoming(seq), status: 'sent' });

const setup = () => {
  const { engine, t } = engineOver();
  const clearTypingOf = vi.fn();
  const unread = createUnread(engine, { clearTypingOf });
  const counts: number[] = [];
  engine.emitter.on('unread', ({ count }) => counts.push(count));
  return { engine, t, unread, clearTypingOf, counts };
};

describe('engine: unread', () => {
  it("counts bot messages while the dialog is closed, not the user's own nor system ones", () => {
    const { engine, unread, counts, clearTypingOf } = setup();
    engine.engaged = true;
    unread.addMessage(botMessage(1));
    unread.addMessage(own('c-1'));
    unread.addMessage({ ...botMessage(2), from: { id: 'sys', role: 'system' } });
    unread.addMessage(botMessage(1)); // a duplicate is not news
    expect(engine.s.unread.value).toBe(1);
    expect(counts).toEqual([1]);
    expect(clearTypingOf).toHaveBeenCalledWith('bot');
  });

  it("the bot's welcome is not unread before the person engaged (opened or wrote); an operator's message is", () => {
    const { engine, unread, counts } = setup();
    unread.addMessage(botMessage(1));
    expect(engine.s.unread.value).toBe(0);
    unread.addMessage({ ...botMessage(2), from: { id: 'op', role: 'agent' } });
    expect(counts).toEqual([1]);
    unread.addMessage(own('c-1'));
    unread.addMessage(botMessage(3));
    expect(engine.s.unread.value).toBe(2);
  });

  it("a person who opened the dialog once gets the bot's later messages counted", () => {
    const { engine, unread } = setup();
    unread.addMessage(botMessage(1));
    unread.setOpen(true, 'user');
    unread.setOpen(false, 'user');
    unread.addMessage(botMessage(2));
    expect(engine.s.unread.value).toBe(1);
  });

  it('opening on a visible page clears the count and sends a read receipt for the newest message when online', () => {
    const { engine, t, unread } = setup();
    unread.addMessage(botMessage(1));
    unread.addMessage(botMessage(2));
    engine.s.connection.value = 'online';
    unread.setOpen(true, 'user');
    expect(engine.s.unread.value).toBe(0);
    expect(t.markReads).toEqual([2]);
    unread.addMessage(botMessage(3)); // seen at once
    expect(engine.s.unread.value).toBe(0);
  });

  it('a hidden page counts even with the dialog open; showing it clears', () => {
    const { engine, unread } = setup();
    unread.setOpen(true, 'api');
    unread.setPageVisible(false);
    unread.addMessage(botMessage(1));
    expect(engine.s.unread.value).toBe(1);
    unread.setPageVisible(true);
    expect(engine.s.unread.value).toBe(0);
  });

  it('another tab that showed a message lowers the count to what came after it', () => {
    const { engine, unread } = setup();
    engine.engaged = true;
    for (const seq of [1, 2, 3]) unread.addMessage(botMessage(seq));
    expect(unread.markSeenElsewhere('m-2')).toBe(true);
    expect(engine.s.unread.value).toBe(1);
    expect(unread.markSeenElsewhere('m-9')).toBe(false);
  });

  it("takes another tab's count unless the user is looking here; ignores nonsense", () => {
    const { engine, unread } = setup();
    unread.syncUnread(4);
    expect(engine.s.unread.value).toBe(4);
    unread.syncUnread(-1);
    unread.syncUnread(1.5);
    expect(engine.s.unread.value).toBe(4);
    unread.setOpen(true, 'user');
    unread.syncUnread(7);
    expect(engine.s.unread.value).toBe(0);
  });

  it('open and close emit their events once per change, with the source', () => {
    const { engine, unread } = setup();
    const seen: string[] = [];
    engine.emitter.on('open', ({ source }) => seen.push(`open:${source}`));
    engine.emitter.on('close', ({ source }) => seen.push(`close:${source}`));
    unread.setOpen(true, 'user');
    unread.setOpen(true, 'user');
    unread.setOpen(false, 'api');
    expect(seen).toEqual(['open:user', 'close:api']);
  });
});
