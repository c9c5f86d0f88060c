/**
 * A {@link Bus} over PostgreSQL `LISTEN/NOTIFY`: no component beyond the database. One dedicated
 * connection per process listens and publishes (so its own messages leave in order); NOTIFY is
 * delivered to listeners after the publishing statement commits. A lost connection is re-opened
 * with backoff; then the process re-reads what it serves and asks the others to do the same
 * (`resync`), since notifications sent meanwhile are gone.
 * @module
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../log';
import type { Bus, BusMessage } from './bus';

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7900;

/** Options of {@link createPgBus}. */
export interface PgBusOptions {
  connectionString: string;
  /** Channel name; processes of one deployment must use the same (default `support_chat`). */
  channel?: string;
  log: Logger;
}

class PgBus implements Bus {
  private readonly origin = randomUUID();
  private readonly handlers = new Set<(m: BusMessage) => void>();
  private client: pg.Client | undefined;
  private closed = false;
  private attempt = 0;
  private readonly outbox: BusMessage[] = [];

  constructor(private readonly options: PgBusOptions & { channel: string }) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (n) => this.receive(n.payload));
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (!this.closed) this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${this.options.channel}`);
    this.client = client;
    this.attempt = 0;
  }

  private reconnectLater(): void {
    const delay = Math.round(Math.min(10_000, 200 * 2 ** this.attempt++) * (0.5 + Math.random() / 2));
    this.options.log.warn('bus connection lost; reconnecting', { inMs: delay });
    const t = setTimeout(() => {
      this.connect().then(
        () => {
          this.options.log.info('bus reconnected');
          this.deliver({ k: 'resync' });
          this.publish({ k: 'resync' });
        },
        () => !this.closed && this.reconnectLater(),
      );
    }, delay);
    t.unref();
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    let batch: { o?: string; m?: BusMessage[] } | undefined;
    try {
      batch = JSON.parse(payload) as { o?: string; m?: BusMessage[] };
    } catch {
      return;
    }
    if (batch.o === this.origin || !Array.isArray(batch.m)) return;
    for (const m of batch.m) this.deliver(m);
  }

  private deliver(m: BusMessage): void {
    for (const h of [...this.handlers]) {
      try {
        h(m);
      } catch (e) {
        this.options.log.error('bus handler failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  publish(message: BusMessage): void {
    this.outbox.push(message);
    if (this.outbox.length === 1) setImmediate(() => this.flush());
  }

  /** Sends what was published in this turn of the event loop, packed into as few notifications as fit. */
  private flush(): void {
    const messages = this.outbox.splice(0);
    const client = this.client;
    if (!client) return; // the reconnect sends a resync
    const payloads = pack(this.origin, messages, (kind) => this.options.log.warn('bus message too large; dropped', { kind }));
    if (payloads.length === 0) return;
    // A failed notify means a failing connection: its reconnect sends a resync.
    client.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [this.options.channel, payloads]).catch(() => undefined);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }
}

/** Packs messages into JSON payloads under the NOTIFY limit; an event too large to ride along goes as its seq alone. */
function pack(origin: string, messages: BusMessage[], dropped: (kind: string) => void): string[] {
  const head = `{"o":${JSON.stringify(origin)},"m":[`;
  const out: string[] = [];
  let items: string[] = [];
  let size = head.length + 2;
  for (const m of messages) {
    const room = MAX_PAYLOAD - head.length - 2;
    let s = JSON.stringify(m);
    if (Buffer.byteLength(s) > room && m.k === 'event') s = JSON.stringify({ ...m, event: undefined });
    const bytes = Buffer.byteLength(s);
    if (bytes > room) {
      dropped(m.k);
      continue;
    }
    if (size + bytes + 1 > MAX_PAYLOAD) {
      out.push(`${head}${items.join(',')}]}`);
      items = [];
      size = head.length + 2;
    }
    items.push(s);
    size += bytes + 1;
  }
  if (items.length > 0) out.push(`${head}${items.join(',')}]}`);
  return out;
}

/** Connects the PostgreSQL bus; rejects when the database cannot be reached. */
export async function createPgBus(options: PgBusOptions): Promise<Bus> {
  const channel = options.channel ?? 'support_chat';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad bus channel name "${channel}"`);
  const bus = new PgBus({ ...options, channel });
  await bus.connect();
  return bus;
}
