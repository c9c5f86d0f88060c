/**
 * A reference server for the console tests of the shift (issue 10 item 7): operator hours always,
 * no code step, a small bot ("stole" is urgent and hands off at once, "person" hands off), and
 * customers driven over the real customer WebSocket.
 */
import { rememberServer } from '../../helpers/operator-accounts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/app';
import type { Bot, BotOutput } from '../../../server/bot-types';
import type { ServerFrame } from '../../../src/transports/swp/frames';
import { Customer } from '../../server/customer';

export const SHOTS = join(import.meta.dirname, '../../../.tmp/shots');

function deskBot(): Bot {
  const say = (text: string) => ({ parts: [{ kind: 'text' as const, text }] });
  return {
    start: (): BotOutput => ({ messages: [say('Hello! How can I help?')], state: {} }),
    reply(_ctx, state, input): BotOutput {
      const text = input.text ?? '';
      if (/stole/i.test(text))
        return {
          messages: [say('Block your card in the app now. A person is joining.')],
          state,
          priority: 'urgent',
          topic: 'security',
          handoff: { reason: 'fraud', topic: 'security', priority: 'urgent' },
        };
      if (/person/i.test(text)) return { messages: [say('Connecting you.')], state, handoff: { reason: 'user_request' } };
      return { messages: [say('I see.')], state };
    },
  };
}

/** Starts the server for the console tests. */
export function deskServer(): Promise<RunningServer> {
  mkdirSync(SHOTS, { recursive: true });
  // Remembered, so the sign-in helpers can make its test accounts.
  return startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    verification: false,
    botDelayMs: 0,
    bot: deskBot(),
  }).then(rememberServer);
}

let n = 0;
/** A customer who wrote `lines` (the last one asks for a person) and waits in the queue. */
export async function waitingCustomer(
  server: RunningServer,
  name: string | undefined,
  lines: string[],
  hello: Record<string, unknown> = {},
) {
  const { c, welcome } = await Customer.connect(server, { ...(name ? { user: { name } } : {}), ...hello });
  const id = welcome.conversationId;
  for (const text of lines) await c.request({ t: 'send', conversationId: id, clientId: `d${++n}`, text });
  await c.waitFor((f: ServerFrame) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === 'queued', 10_000);
  return { c, id, token: welcome.sessionToken };
}

/** True once the customer received a message whose text contains `text`. */
export function customerGot(c: Customer, text: string): (f: ServerFrame) => boolean {
  void c;
  return (f) => f.t === 'event' && f.event.type === 'message' && JSON.stringify(f.event.message.parts).includes(text);
}

/** Screenshots at desktop and phone size. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}
