/**
 * One conformance suite for every SWP/1 transport, run against the real reference server
 * (server/app.ts) on 127.0.0.1. Each transport test file calls `runConformance(name, make)`.
 * A loopback TCP proxy (helpers/tcp-proxy.ts) sits between the transport and the server so the
 * suite can cut connections like a network loss would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTransportError } from '../../src/core/errors';
import type { IncomingMessage, Transport, TransportEvent } from '../../src/core/transport';
import { startServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';
import { until } from './helpers/fake-swp-server';

/** Where a transport under test should connect. */
export interface TransportTarget {
  /** `http://127.0.0.1:port` base URL of the server, through the fault proxy unless `direct`. */
  baseUrl: string;
}

/** Builds the transport under test (small timeouts and backoff, so the suite stays fast). */
export type MakeTransport = (target: TransportTarget) => Transport;

/**
 * The deployment the suite runs against: one in-process server by default, or several server
 * processes on one database (test/transports/two-processes-target.ts).
 */
export interface ConformanceServer {
  /** Where customers connect (through the fault proxy): a server, or a balancer in front of several. */
  customerUrl: string;
  /** Where a second tab of the same visitor connects directly (another process, when there are several). */
  otherUrl: string;
  /** Where the operator signs in. */
  operatorUrl: string;
  signIdentity(userId: string, expiresUnix: number): string;
  lastVerificationCode(conversationId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Starts the deployment of one run of the suite. */
export type StartConformanceServer = () => Promise<ConformanceServer>;

/** One reference server in this process, on an in-memory database. */
export const inProcessServer: StartConformanceServer = async () => {
  const server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      heartbeatMs: 500,
      botDelayMs: 0,
    }),
  );
  return {
    customerUrl: server.url,
    otherUrl: server.url,
    operatorUrl: server.url,
    signIdentity: (userId, expiresUnix) => server.signIdentity(userId, expiresUnix),
    lastVerificationCode: (conversationId) => server.lastVerificationCode(conversationId),
    close: () => server.close(),
  };
};

interface Client {
  transport: Transport;
  events: TransportEvent[];
  /** Resolves with the first event (from `from` on) matching `predicate`. */
  next<T extends TransportEvent>(predicate: (e: TransportEvent) => e is T, label?: string, from?: number): Promise<T>;
  next(predicate: (e: TransportEvent) => boolean, label?: string, from?: number): Promise<TransportEvent>;
  messages(): IncomingMessage[];
  statuses(): string[];
}

const ctx = { user: { name: 'Conformance' }, locale: 'en', metadata: { page: '/conformance' } };
const isMessage = (e: TransportEvent): e is Extract<TransportEvent, { type: 'message' }> => e.type === 'message';
const textOf = (m: IncomingMessage) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join(' ');
/** Resolves once `events` has not grown for `ms`. */
async function quiet(events: unknown[], ms: number): Promise<void> {
  for (let seen = -1; seen !== events.length; ) {
    seen = events.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}
let counter = 0;
const clientId = () => `c_conf_${process.pid}_${++counter}_${Date.now()}`;

/** Runs the suite for one transport, against one in-process server unless `start` says otherwise. */
export function runConformance(name: string, make: MakeTransport, start = inProcessServer, where = 'reference server'): void {
  describe(`${name} transport conformance (${where})`, () => {
    let server: ConformanceServer;
    let proxy: TcpProxy;
    const cleanups: Array<() => Promise<void>> = [];

    beforeAll(async () => {
      server = await start();
      proxy = await startTcpProxy(Number(new URL(server.customerUrl).port));
    }, 120_000);
    afterEach(async () => {
      proxy.refusing = false;
      while (cleanups.length) await cleanups.pop()!();
    });
    afterAll(async () => {
      await proxy?.close();
      await server?.close();
    });

    const open = (opts: { direct?: boolean } = {}): Client => {
      const transport = make({ baseUrl: opts.direct ? server.otherUrl : `http://${proxy.host}` });
      const events: TransportEvent[] = [];
      const off = transport.on((e) => events.push(e));
      cleanups.push(async () => {
        off();
        await transport.disconnect();
      });
      return {
        transport,
        events,
        next: (predicate: (e: TransportEvent) => boolean, label = 'event', from = 0) =>
          until(() => events.slice(from).find(predicate), 8000, label),
        messages: () => events.filter(isMessage).map((e) => e.message),
        statuses: () => events.flatMap((e) => (e.type === 'status' ? [e.status] : [])),
      } as Client;
    };

    const connected = async (
      opts: {
        direct?: boolean;
        resume?: Parameters<Transport['connect']>[0]['resume'];
        user?: Parameters<Transport['connect']>[0]['user'];
      } = {},
    ) => {
      const client = open(opts);
      const session = await client.transport.connect({
        ...ctx,
        ...(opts.user ? { user: opts.user } : {}),
        ...(opts.resume ? { resume: opts.resume } : {}),
      });
      return { ...client, session };
    };

    it('connects: online, a session, and the bot greeting as messages', async () => {
      const c = await connected();
      expect(c.session.sessionToken).toEqual(expect.any(String));
      expect(c.session.conversationId).toEqual(expect.any(String));
      expect(c.statuses()).toContain('online');
      const greeting = await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'bot greeting');
      expect(greeting).toMatchObject({ message: { conversationId: c.session.conversationId, seq: expect.any(Number) } });
      expect(c.transport.capabilities).toMatchObject({
        realtime: true,
        history: 'backward',
        idempotentSend: true,
        attachments: { maxBytes: expect.any(Number) },
      });
      expect(c.events.some((e) => e.type === 'capabilities')).toBe(true);
    });

    it('send: acked with ids; the same clientId twice gives the same message once', async () => {
      const c = await connected();
      const id = clientId();
      const receipt = await c.transport.send({ clientId: id, text: 'Hello there' });
      expect(receipt).toMatchObject({ clientId: id, id: expect.any(String), seq: expect.any(Number), createdAt: expect.any(String) });
      const echo = await c.next((e) => isMessage(e) && e.message.clientId === id, 'echo');
      expect(echo).toMatchObject({ message: { id: receipt.id, seq: receipt.seq, from: { role: 'user' } } });
      const again = await c.transport.send({ clientId: id, text: 'Hello there' });
      expect(again).toEqual(receipt);
      const page = await c.transport.fetchHistory!({ limit: 100 });
      expect(page.messages.filter((m) => m.clientId === id)).toHaveLength(1);
    });

    it('bot replies come with quick replies', async () => {
      const c = await connected();
      const withButtons = await c.next(
        (e) => isMessage(e) && e.message.from.role === 'bot' && (e.message.quickReplies?.length ?? 0) > 0,
        'quick replies',
      );
      const action = (withButtons as Extract<TransportEvent, { type: 'message' }>).message.quickReplies![0]!;
      expect(action).toMatchObject({
        id: expect.any(String),
        label: expect.any(String),
        kind: expect.stringMatching(/reply|postback|url|handoff/),
      });
      const before = c.events.length;
      await c.transport.send({ clientId: clientId(), text: action.label, action });
      await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'bot answer to a quick reply', before);
    });

    it('a dropped connection comes back and backfills missed events without duplicates or gaps', async () => {
      const c = await connected();
      await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'greeting');
      proxy.refusing = true;
      proxy.dropAll();
      await c.next((e) => e.type === 'status' && e.status === 'reconnecting', 'reconnecting');
      // Meanwhile another tab of the same visitor talks to the bot directly.
      const other = await connected({ direct: true, resume: { sessionToken: c.session.sessionToken! } });
      expect(other.session.conversationId).toBe(c.session.conversationId);
      const missedId = clientId();
      await other.transport.send({ clientId: missedId, text: 'sent while the first tab was offline' });
      const onlineBefore = c.statuses().filter((s) => s === 'online').length;
      proxy.refusing = false;
      (c.transport as Transport & { checkAlive?: () => void }).checkAlive?.();
      await until(() => c.statuses().filter((s) => s === 'online').length > onlineBefore, 10_000, 'online again');
      await c.next((e) => isMessage(e) && e.message.clientId === missedId, 'missed message');
      await quiet(c.events, 250);
      const history = await c.transport.fetchHistory!({ limit: 100 });
      await until(
        () => {
          const seen = c.messages().map((m) => m.seq!);
          return history.messages.every((m) => seen.includes(m.seq!)) || undefined;
        },
        5000,
        'every message backfilled',
      );
      const seqs = c.messages().map((m) => m.seq!);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(seqs).toEqual(history.messages.map((m) => m.seq!));
      expect(c.events.some((e) => e.type === 'resync')).toBe(false);
    });

    it('an unknown cursor leads to resync', async () => {
      const first = await connected();
      await first.transport.disconnect();
      const c = await connected({
        resume: { sessionToken: first.session.sessionToken!, conversationId: first.session.conversationId!, cursor: '999999' },
      });
      expect(c.events.some((e) => e.type === 'resync')).toBe(true);
      expect(Number(c.transport.snapshot().cursor)).toBeLessThan(999_999);
      // The session keeps working after the resync.
      await expect(c.transport.send({ clientId: clientId(), text: 'still here' })).resolves.toMatchObject({ id: expect.any(String) });
    });

    it('history pages backwards until hasMore is false', async () => {
      const c = await connected();
      let last = 0;
      for (let i = 0; i < 4; i++) last = (await c.transport.send({ clientId: clientId(), text: `message ${i}` })).seq!;
      // Let the bot finish answering (it may send several messages) before taking the reference listing.
      await c.next((e) => isMessage(e) && e.message.from.role === 'bot' && e.message.seq! > last, 'last bot answer');
      await quiet(c.events, 250);
      const all = await c.transport.fetchHistory!({ limit: 100 });
      expect(all.hasMore).toBe(false);
      const pages: IncomingMessage[][] = [];
      let before: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const page = await c.transport.fetchHistory!({ limit: 2, ...(before ? { before } : {}) });
        pages.push(page.messages);
        expect(page.messages.length).toBeLessThanOrEqual(2);
        if (!page.hasMore) break;
        expect(page.before).toEqual(expect.any(String));
        before = page.before;
      }
      const paged = pages
        .reverse()
        .flat()
        .map((m) => m.seq);
      expect(paged).toEqual(all.messages.map((m) => m.seq));
      expect(paged.length).toBeGreaterThanOrEqual(8);
    });

    it('a wrong identity hash fails with auth; a signed identity connects', async () => {
      const expires = Math.floor(Date.now() / 1000) + 3600;
      const bad = open();
      const error = await bad.transport
        .connect({ ...ctx, user: { id: 'user-42', hash: 'f'.repeat(64), hashExpires: expires } })
        .catch((e: unknown) => e);
      expect(isTransportError(error) && error.code).toBe('auth');
      expect(bad.events.find((e) => e.type === 'status' && e.status === 'failed')).toMatchObject({ error: { code: 'auth' } });
      const good = await connected({ user: { id: 'user-42', hash: server.signIdentity('user-42', expires), hashExpires: expires } });
      expect(good.statuses()).toContain('online');
    });

    it('handoff: OTP (wrong, then right), queue, operator joins and writes, close, rating', async () => {
      const c = await connected();
      const conversationId = c.session.conversationId!;
      await c.transport.requestHandoff!({ reason: 'conformance' });
      const challenge = await c.next((e) => e.type === 'handoff' && e.state === 'verification_required', 'challenge');
      const challengeId = (challenge as Extract<TransportEvent, { type: 'handoff' }>).challenge!.id;
      const code = (await server.lastVerificationCode(conversationId))!;
      const wrong = code === '000000' ? '111111' : '000000';
      // Attempts left come from the server, with the challenge as it stands after the guess.
      expect(await c.transport.submitVerification!(challengeId, wrong)).toMatchObject({
        result: 'invalid',
        challenge: { id: challengeId, attemptsLeft: 4 },
      });
      // Loaded lazily: the operator test client is a separate helper (test/helpers/operator-client.ts).
      const { connectOperator } = await import('../helpers/operator-client');
      const operator = await connectOperator(server.operatorUrl, 'Anna');
      cleanups.push(async () => operator.disconnect());
      expect(await c.transport.submitVerification!(challengeId, code)).toEqual({ result: 'ok' });
      await c.next((e) => e.type === 'handoff' && e.state === 'queued', 'queued');
      await c.next((e) => e.type === 'queue' && e.queue.position !== null, 'queue position');
      await operator.waitForQueue((q) => q.waiting.some((item) => item.conversationId === conversationId));
      await operator.accept(conversationId);
      await c.next((e) => e.type === 'participant' && e.action === 'joined' && e.participant.role === 'agent', 'operator joined');
      await c.next((e) => e.type === 'handoff' && e.state === 'accepted', 'accepted');
      // A client that lost continuity gets the state from the welcome snapshot, not only messages.
      const late = await connected({ direct: true, resume: { sessionToken: c.session.sessionToken!, conversationId, cursor: '999999' } });
      expect(late.events.some((e) => e.type === 'resync')).toBe(true);
      expect(late.events).toContainEqual(expect.objectContaining({ type: 'handoff', state: 'accepted' }));
      expect(late.events).toContainEqual(
        expect.objectContaining({
          type: 'participant',
          action: 'joined',
          participant: expect.objectContaining({ role: 'agent', name: 'Anna' }),
        }),
      );
      await late.transport.disconnect();
      operator.typing(conversationId, true);
      await c.next((e) => e.type === 'typing' && e.on && e.from.role === 'agent', 'operator typing');
      await operator.send(conversationId, 'Hi, Anna here');
      const fromOperator = await c.next((e) => isMessage(e) && e.message.from.role === 'agent', 'operator message');
      const operatorMessage = (fromOperator as Extract<TransportEvent, { type: 'message' }>).message;
      expect(textOf(operatorMessage)).toContain('Anna here');
      await operator.read(conversationId);
      await c.next((e) => e.type === 'read' && e.by.role === 'agent' && e.upTo >= operatorMessage.seq!, 'operator read receipt');
      await c.transport.closeConversation!();
      await c.next((e) => e.type === 'conversation' && e.state === 'closed', 'closed');
      await expect(c.transport.rate!(5, 'quick and kind')).resolves.toBeUndefined();
      await expect(c.transport.rate!(9)).rejects.toMatchObject({ code: 'invalid' });
    });

    it('uploads a file with progress; an aborted upload rejects', async () => {
      const c = await connected();
      const progress: number[] = [];
      const file = Object.assign(new Blob(['plain text attachment\n'.repeat(200)], { type: 'text/plain' }), { name: 'notes.txt' });
      const ref = await c.transport.upload!(file, { onProgress: (p) => progress.push(p.loaded / p.total) });
      expect(ref).toMatchObject({ id: expect.any(String), name: 'notes.txt', mimeType: 'text/plain', size: file.size });
      expect(progress.at(-1)).toBe(1);
      const id = clientId();
      await c.transport.send({ clientId: id, attachments: [ref] });
      const echo = await c.next((e) => isMessage(e) && e.message.clientId === id, 'attachment echo');
      expect((echo as Extract<TransportEvent, { type: 'message' }>).message.parts).toContainEqual({
        kind: 'attachment',
        attachment: expect.objectContaining({ id: ref.id }),
      });

      const controller = new AbortController();
      const big = Object.assign(new Blob([new Uint8Array(4 * 1024 * 1024)], { type: 'application/pdf' }), { name: 'big.pdf' });
      const pending = c.transport.upload!(big, { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'closed', retryable: false });
    });

    it('disconnect: status idle, nothing sent and no reconnect afterwards', async () => {
      const c = await connected();
      await c.transport.disconnect();
      expect(c.statuses().at(-1)).toBe('idle');
      const eventsAfter = c.events.length;
      await new Promise((r) => setTimeout(r, 50));
      const accepted = proxy.accepted;
      const bytes = proxy.bytesFromClients;
      // Longer than the heartbeat, the backoff and a poll round: any leftover timer would show.
      await new Promise((r) => setTimeout(r, 1500));
      expect(proxy.accepted).toBe(accepted);
      expect(proxy.bytesFromClients).toBe(bytes);
      expect(c.events.length).toBe(eventsAfter);
      await expect(c.transport.send({ clientId: clientId(), text: 'after disconnect' })).rejects.toMatchObject({ code: 'network' });
    });
  });
}
