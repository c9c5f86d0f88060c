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
  private missed = false;

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
    this.missed = true;
    const delay = Math.round(Math.min(10_000, 200 * 2 ** this.attempt++) * (0.5 + Math.random() / 2));
    this.options.log.warn('bus connection lost; reconnecting', { inMs: delay });
    const t = setTimeout(() => {
      this.connect().then(
        () => {
          this.missed = false;
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
    let m: (BusMessage & { o?: string }) | undefined;
    try {
      m = JSON.parse(payload) as BusMessage & { o?: string };
    } catch {
      return;
    }
    if (m.o === this.origin) return;
    delete m.o;
    this.deliver(m);
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
    const payload = JSON.stringify({ ...message, o: this.origin });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      // Only ephemeral frames can be this large; the others would not miss much.
      this.options.log.warn('bus message too large; dropped', { kind: message.k });
      return;
    }
    const client = this.client;
    if (!client) {
      this.missed = true;
      return;
    }
    client.query('SELECT pg_notify($1, $2)', [this.options.channel, payload]).catch(() => {
      this.missed = true; // the reconnect sends a resync
    });
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

  /** True while messages may have been lost (between a lost connection and the resync). */
  get degraded(): boolean {
    return this.missed;
  }
}

/** Connects the PostgreSQL bus; rejects when the database cannot be reached. */
export async function createPgBus(options: PgBusOptions): Promise<Bus> {
  const channel = options.channel ?? 'support_chat';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad bus channel name "${channel}"`);
  const bus = new PgBus({ ...options, channel });
  await bus.connect();
  return bus;
}
