/**
 * The queue's transport calls (leave the queue, preview, note) from a follower tab run on the
 * leader's transport, and their answers come back (issue 9, item 7).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat } from '../../src/core/chat';
import type { HandoffPreview } from '../../src/core/model';
import type { Transport } from '../../src/core/transport';
import { createLeaderElection, type LockManagerLike } from '../../src/tabs/leader';
import { createTabTransport } from '../../src/tabs/tab-transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { createLockManager, createTabChannels, uniqueName } from './helpers';

const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const PREVIEW: HandoffPreview = { topic: 'cards', topicLabel: 'Cards', path: [], questions: ['Where is my card?'], attachments: [] };

/** A tab over a memory transport that also has the queue's calls, recording who ran them. */
function openTab(name: string, locks: LockManagerLike, tab: string, log: string[]) {
  const channels = createTabChannels();
  const inner = Object.assign(createMemoryTransport({ replyDelayMs: 0, bot: false }), {
    async cancelHandoff() {
      log.push(`${tab}:cancel`);
    },
    async handoffPreview() {
      log.push(`${tab}:preview`);
      return PREVIEW;
    },
    async setHandoffNote(note: string) {
      log.push(`${tab}:note:${note}`);
      return { ...PREVIEW, note };
    },
  });
  const election = createLeaderElection(`${name}:leader`, { locks });
  const transport: Transport = createTabTransport(inner, { channelName: name, election, BroadcastChannel: channels.Channel });
  const chat = createChat({ transport, locale: 'en' });
  cleanup.push(() => chat.destroy());
  return { chat, transport };
}

describe('queue calls across tabs', () => {
  it('a follower leaves the queue, reads the preview and saves a note through the leader', async () => {
    const name = uniqueName('qc');
    const locks = createLockManager();
    const log: string[] = [];
    const a = openTab(name, locks, 'A', log);
    await a.chat.start();
    const b = openTab(name, locks, 'B', log);
    await b.chat.start();
    await waitFor(() => expect((b.transport as { isLeader?: boolean }).isLeader).toBe(false));
    expect(await b.chat.handoffPreview()).toEqual(PREVIEW);
    expect(await b.chat.setHandoffNote('It was at the pharmacy')).toMatchObject({ note: 'It was at the pharmacy' });
    await b.chat.cancelHandoff();
    expect(log).toEqual(['A:preview', 'A:note:It was at the pharmacy', 'A:cancel']);
  });

  it('without the calls on the transport, the chat answers null and leaving does nothing', async () => {
    const chat = createChat({ transport: createMemoryTransport({ replyDelayMs: 0, bot: false }), locale: 'en' });
    cleanup.push(() => chat.destroy());
    await chat.start();
    expect(await chat.handoffPreview()).toBeNull();
    expect(await chat.setHandoffNote('x')).toBeNull();
    await expect(chat.cancelHandoff()).resolves.toBeUndefined();
  });
});
