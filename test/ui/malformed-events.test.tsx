// @vitest-environment happy-dom
/**
 * A transport that emits malformed shapes (the cases that used to throw inside linkify and the
 * transcript and kill the panel until a reload): the dialog keeps rendering what comes next.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatError } from '../../src/core/errors';
import type { TransportEvent } from '../../src/core/transport';
import { BOT } from './helpers/emulator';
import { mount, settle, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
});

const message = (id: string, seq: number, body: Record<string, unknown>) =>
  ({
    type: 'message',
    message: {
      id,
      seq,
      from: BOT,
      parts: [{ kind: 'text', text: 'x' }],
      createdAt: new Date(1_700_000_000_000 + seq).toISOString(),
      ...body,
    },
  }) as unknown as TransportEvent;

describe('malformed events from a transport', () => {
  it('are dropped with an error each, and the next good message renders', async () => {
    m = await mount();
    const errors: ChatError[] = [];
    m.chat.on('error', (e) => errors.push(e));
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    m.transport.emit(message('bad-1', 1, { parts: [{ kind: 'text', text: 12345 }] }));
    m.transport.emit(message('bad-2', 2, { from: null }));
    m.transport.emit(message('bad-3', 3, { parts: null }));
    await settle();
    m.transport.emit(message('good', 4, { parts: [{ kind: 'text', text: 'Your card is blocked.' }] }));
    await settle();
    expect(errors.map((e) => e.name)).toEqual(['ProtocolError', 'ProtocolError', 'ProtocolError']);
    const rows = m.$$('.sc-msg-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('Your card is blocked.')]);
  });
});
