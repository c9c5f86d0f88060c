/**
 * The transport conformance suite, generalised: it reads the transport's `capabilities` and runs
 * what they promise against a backend harness (a loopback fake of Chatwoot or Rasa, or any
 * backend of your own: see README "Writing your own adapter"). Every adapter passes:
 * connect; send and echo dedupe; a bot reply with quick replies; a dropped socket → backfill with
 * no duplicates and no gaps (realtime backends); auth failure (backends with identity); history
 * paging and uploads where supported; disconnect for good. The SWP-only parts (seq resume, the
 * code step, queue) stay in conformance.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTransportError } from '../../src/core/errors';
import type { ChatUser, IncomingMessage, SessionSnapshot, Transport, TransportEvent } from '../../src/core/transport';
import { until } from './helpers/fake-swp-server';

/** What a backend gives the suite. */
export interface AdapterHarness {
  /** Builds the transport under test (small timeouts and backoff). */
  make(): Transport;
  /** The user to connect as. @default a visitor */
  user?: ChatUser;
  /** A user the backend refuses (a wrong identity hash); absent when it has no identity. */
  badUser?: ChatUser;
  /** A transport whose credentials the backend refuses (a bad token); absent when it has none. */
  makeRefused?(): Transport;
  /** Cuts every connection; while `refuse(true)`, new ones fail too. */
  drop?(): void;
  refuse?(on: boolean): void;
  /** Someone else writes into the conversation while this client is offline; resolves with the text. */
  missed?(session: SessionSnapshot): Promise<string>;
  /** What to send for the bot to answer with quick replies; undefined when the greeting has them. */
  quickReplyTrigger?: string;
  close(): Promise<void>;
}

type MessageEvent = Extract<TransportEvent, { type: 'message' }>;
const isMessage = (e: TransportEvent): e is MessageEvent => e.type === 'message';
const textOf = (m: IncomingMessage) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join(' ');
let counter = 0;
const clientId = () => `c_adapt_${process.pid}_${++counter}_${Date.now()}`;
async function quiet(events: unknown[], ms: number): Promise<void> {
  for (let seen = -1; seen !== events.length; ) {
    seen = events.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

export function runAdapterConformance(name: string, setup: () => Promise<AdapterHarness>): void {
  describe(`${name} adapter conformance`, () => {
    let h: AdapterHarness;
    const cleanups: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      h = await setup();
    });
    afterEach(async () => {
      h.refuse?.(false);
      while (cleanups.length) await cleanups.pop()!();
    });
    afterAll(async () => h?.close());

    const open = () => {
      const transport = h.make();
      const events: TransportEvent[] = [];
      const off = transport.on((e) => events.push(e));
      cleanups.push(async () => {
        off();
        await transport.disconnect();
      });
      const next = (p: (e: TransportEvent) => boolean, label: string, from = 0) => until(() => events.slice(from).find(p), 10_000, label);
      const messages = () => events.filter(isMessage).map((e) => e.message);
      const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
      return { transport, events, next, messages, statuses };
    };
    const connected = async () => {
      const c = open();
      const session = await c.transport.connect({
        user: h.user ?? { name: 'Conformance' },
        locale: 'en',
        metadata: { page: '/conformance' },
      });
      return { ...c, session };
    };

    it('connects online; its methods match its capabilities', async () => {
      const c = await connected();
      expect(c.statuses()).toContain('online');
      const caps = c.transport.capabilities;
      const t = c.transport;
      expect(typeof t.fetchHistory === 'function').toBe(caps.history !== 'none');
      expect(typeof t.upload === 'function').toBe(caps.attachments !== false);
      expect(typeof t.closeConversation === 'function').toBe(caps.closeConversation);
      expect(typeof t.requestHandoff === 'function').toBe(caps.humanHandoff !== 'none');
      expect(typeof t.submitVerification === 'function').toBe(caps.verification);
      expect(typeof t.setTyping === 'function').toBe(caps.typing.outbound);
      expect(typeof t.markRead === 'function').toBe(caps.readReceipts.outbound);
      expect(JSON.parse(JSON.stringify(c.session))).toEqual(c.session);
    });

    it('send: a receipt; the echo once; the same clientId again gives the same receipt and no new message', async () => {
      const c = await connected();
      const id = clientId();
      const receipt = await c.transport.send({ clientId: id, text: 'Hello there' });
      expect(receipt).toMatchObject({ clientId: id, id: expect.any(String), createdAt: expect.any(String) });
      await c.next((e) => isMessage(e) && e.message.clientId === id, 'echo');
      expect(await c.transport.send({ clientId: id, text: 'Hello there' })).toEqual(receipt);
      await quiet(c.events, 300);
      const echoes = c.messages().filter((m) => m.clientId === id);
      expect(echoes).toHaveLength(1);
      expect(echoes[0]).toMatchObject({ id: receipt.id, from: { role: 'user' } });
      if (c.transport.fetchHistory) {
        const page = await c.transport.fetchHistory({ limit: 50 });
        expect(page.messages.filter((m) => m.id === receipt.id)).toHaveLength(1);
      }
    });

    it('a bot reply comes with quick replies, and pressing one gets an answer', async () => {
      const c = await connected();
      if (h.quickReplyTrigger) await c.transport.send({ clientId: clientId(), text: h.quickReplyTrigger });
      const withButtons = (await c.next(
        (e) => isMessage(e) && e.message.from.role === 'bot' && (e.message.quickReplies?.length ?? 0) > 0,
        'quick replies',
      )) as MessageEvent;
      const action = withButtons.message.quickReplies![0]!;
      expect(action).toMatchObject({
        id: expect.any(String),
        label: expect.any(String),
        kind: expect.stringMatching(/reply|postback|url|handoff/),
      });
      const before = c.events.length;
      const id = clientId();
      await c.transport.send({ clientId: id, text: action.label, action });
      await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'bot answer to a quick reply', before);
      expect(c.messages().filter((m) => m.clientId === id)).toHaveLength(1);
    });

    it('a dropped socket comes back; what was missed is backfilled with no duplicates and no gaps', async (t) => {
      const c = await connected();
      if (!c.transport.capabilities.realtime || !h.drop) return t.skip();
      await c.next((e) => isMessage(e) && e.message.from.role !== 'user', 'a first message');
      h.refuse?.(true);
      h.drop();
      await c.next((e) => e.type === 'status' && e.status === 'reconnecting', 'reconnecting');
      const missed = h.missed ? await h.missed(c.transport.snapshot()) : undefined;
      const onlineBefore = c.statuses().filter((s) => s === 'online').length;
      h.refuse?.(false);
      c.transport.checkAlive?.();
      await until(() => c.statuses().filter((s) => s === 'online').length > onlineBefore, 15_000, 'online again');
      if (missed) await c.next((e) => isMessage(e) && textOf(e.message).includes(missed), 'the missed message');
      // The session still works after the reconnect.
      const after = clientId();
      await c.transport.send({ clientId: after, text: 'back again' });
      await c.next((e) => isMessage(e) && e.message.clientId === after, 'echo after the reconnect');
      await quiet(c.events, 300);
      const ids = c.messages().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      if (c.transport.fetchHistory) {
        const firstSeq = Math.min(...c.messages().map((m) => m.seq ?? Number.POSITIVE_INFINITY));
        const history = await c.transport.fetchHistory({ limit: 100 });
        const expected = history.messages.filter((m) => (m.seq ?? 0) >= firstSeq).map((m) => m.id);
        expect(ids.filter((id) => expected.includes(id))).toEqual(expected);
      }
    });

    it('a refused identity fails with auth', async (t) => {
      if (!h.badUser && !h.makeRefused) return t.skip();
      const c = h.makeRefused ? { transport: h.makeRefused(), events: [] as TransportEvent[] } : open();
      if (h.makeRefused) {
        c.transport.on((e) => c.events.push(e));
        cleanups.push(() => c.transport.disconnect());
      }
      const user = h.badUser ?? h.user ?? { name: 'Conformance' };
      const error = await c.transport.connect({ user, locale: 'en' }).catch((e: unknown) => e);
      expect(isTransportError(error) && error.code).toBe('auth');
      expect(c.events.find((e) => e.type === 'status' && e.status === 'failed')).toMatchObject({ error: { code: 'auth' } });
    });

    it('history pages backwards until hasMore is false, without holes', async (t) => {
      const c = await connected();
      if (!c.transport.fetchHistory) return t.skip();
      for (let i = 0; i < 5; i++) await c.transport.send({ clientId: clientId(), text: `message ${i}` });
      await quiet(c.events, 400);
      const walk = async (limit: number) => {
        const pages: IncomingMessage[][] = [];
        let before: string | undefined;
        for (let guard = 0; guard < 60; guard++) {
          const page = await c.transport.fetchHistory!({ limit, ...(before ? { before } : {}) });
          expect(page.messages.length).toBeLessThanOrEqual(limit);
          pages.push(page.messages);
          if (!page.hasMore) break;
          expect(page.before).toEqual(expect.any(String));
          before = page.before;
        }
        return pages
          .reverse()
          .flat()
          .map((m) => m.id);
      };
      const all = await walk(100);
      expect(all.length).toBeGreaterThanOrEqual(10);
      expect(await walk(3)).toEqual(all);
    });

    it('uploads a file with progress and sends it; an aborted upload rejects', async (t) => {
      const c = await connected();
      if (!c.transport.upload) return t.skip();
      const progress: number[] = [];
      const file = Object.assign(new Blob(['plain text attachment\n'.repeat(50)], { type: 'text/plain' }), { name: 'notes.txt' });
      const ref = await c.transport.upload(file, { onProgress: (p) => progress.push(p.loaded / p.total) });
      expect(ref).toMatchObject({ id: expect.any(String), name: 'notes.txt', size: file.size });
      expect(progress.at(-1)).toBe(1);
      const id = clientId();
      await c.transport.send({ clientId: id, attachments: [ref] });
      const echo = (await c.next((e) => isMessage(e) && e.message.clientId === id, 'attachment echo')) as MessageEvent;
      expect(echo.message.parts).toContainEqual({ kind: 'attachment', attachment: expect.objectContaining({ name: 'notes.txt' }) });
      const controller = new AbortController();
      controller.abort();
      await expect(c.transport.upload(file, { signal: controller.signal })).rejects.toMatchObject({ code: 'closed', retryable: false });
    });

    it('disconnect: idle, and nothing works or arrives afterwards', async () => {
      const c = await connected();
      await c.transport.disconnect();
      expect(c.statuses().at(-1)).toBe('idle');
      const count = c.events.length;
      await new Promise((r) => setTimeout(r, 1200));
      expect(c.events.length).toBe(count);
      await expect(c.transport.send({ clientId: clientId(), text: 'after disconnect' })).rejects.toMatchObject({
        code: expect.stringMatching(/^(network|closed)$/),
      });
    });
  });
}
