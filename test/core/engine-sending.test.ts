import { describe, expect, it, vi } from 'vitest';
import { engineOver, own } from './engine-helpers';
import { createSending } from '../../src/core/engine/sending';
import { createEngineUploads } from '../../src/core/engine/outbox-host';
import { upsertMessage } from '../../src/core/message-list';
import type { ChatMessage } from '../../src/core/model';
import type { Outbox } from '../../src/core/outbox';

const setup = (restoring = false) => {
  const { engine, errors } = engineOver();
  const outbox: Outbox = { flush: vi.fn(), kick: vi.fn(), stop: vi.fn() };
  const queued: Array<() => void> = [];
  const addMessage = vi.fn((m: ChatMessage) => {
    engine.s.messages.value = upsertMessage(engine.s.messages.peek(), m).list;
  });
  const deps = {
    uploads: createEngineUploads(engine),
    outbox: () => outbox,
    addMessage,
    saveNow: vi.fn(async () => undefined),
    whenRestored: (op: () => void) => (restoring ? queued.push(op) : op()),
    requestHandoff: vi.fn(async () => undefined),
  };
  const sending = createSending(engine, deps);
  const drain = () => {
    restoring = false;
    for (const op of queued.splice(0)) op();
  };
  const ids = () => engine.s.messages.value.map((m) => m.clientId);
  return { engine, errors, outbox, deps, sending, drain, ids };
};

describe('engine: sending', () => {
  it('send adds a queued message, saves it at once and wakes the outbox; empty text sends nothing', () => {
    const { sending, deps, outbox, engine } = setup();
    const m = sending.send('  hello  ', { action: { id: 'a', kind: 'reply', label: 'Hi', value: 'hello' } })!;
    expect(m).toMatchObject({ status: 'queued', parts: [{ kind: 'text', text: 'hello' }], action: { id: 'a' }, from: { role: 'user' } });
    expect(m.id).toBe(m.clientId);
    expect(engine.s.messages.value).toEqual([m]);
    expect(deps.saveNow).toHaveBeenCalledTimes(1);
    expect(outbox.flush).toHaveBeenCalledTimes(1);
    expect(sending.send('   ')).toBeNull();
  });

  it('while restoring, send returns the message at once and adds it only when the restore is done', () => {
    const { sending, drain, ids, deps } = setup(true);
    const m = sending.send('later')!;
    expect(ids()).toEqual([]);
    expect(deps.saveNow).not.toHaveBeenCalled();
    drain();
    expect(ids()).toEqual([m.clientId]);
  });

  it('sendFiles stages one local placeholder per file; no files is a plain send', () => {
    const { sending } = setup();
    const m = sending.sendFiles([new Blob(['a']), new Blob(['b'])], 'two files')!;
    expect(m.parts.map((p) => p.kind)).toEqual(['text', 'attachment', 'attachment']);
    expect(m.parts.every((p) => p.kind !== 'attachment' || p.attachment.id.startsWith('local:'))).toBe(true);
    expect(sending.sendFiles([], 'just text')!.parts).toEqual([{ kind: 'text', text: 'just text' }]);
    expect(sending.sendFiles([], '')).toBeNull();
  });

  it('retry requeues a failed message and kicks the outbox; remove deletes failed or queued ones and remembers them', () => {
    const { sending, engine, outbox, ids } = setup();
    engine.s.messages.value = [own('f', 'f', 'failed'), own('q'), own('s', 's', 'sent')];
    sending.retry('f');
    expect(engine.s.messages.value[0]?.status).toBe('queued');
    expect(outbox.kick).toHaveBeenCalled();
    sending.remove('q');
    sending.remove('s'); // sent: stays
    expect(ids()).toEqual(['f', 's']);
    expect(engine.forgotten.has('q')).toBe(true);
  });

  it('a "Talk to a person" choice asks for the person once its message is acked', () => {
    const { sending, deps, engine } = setup();
    sending.choose({ id: 'h', kind: 'handoff', label: 'Talk to a person', value: '' });
    expect(deps.requestHandoff).not.toHaveBeenCalled();
    const request = engine.s.messages.value[0]!;
    expect(request.action?.kind).toBe('handoff');
    const other = sending.send('other')!;
    sending.onSent(other.clientId!);
    expect(deps.requestHandoff).not.toHaveBeenCalled();
    sending.onSent(request.clientId!);
    sending.onSent(request.clientId!); // a second ack asks no second time
    expect(deps.requestHandoff).toHaveBeenCalledTimes(1);
  });

  it('choose sends the reply value or the postback label', () => {
    const { sending, engine } = setup();
    sending.choose({ id: 'r', kind: 'reply', label: 'Yes please', value: 'yes' });
    sending.choose({ id: 'p', kind: 'postback', label: 'Track order', value: 'TRACK' });
    sending.choose({ id: 'u', kind: 'url', label: 'Docs', value: 'https://example.com' });
    expect(engine.s.messages.value.map((m) => m.parts[0])).toEqual([
      { kind: 'text', text: 'yes' },
      { kind: 'text', text: 'Track order' },
    ]);
  });

  it('throws after destroy', () => {
    const { sending, engine } = setup();
    engine.destroyed = true;
    expect(() => sending.send('x')).toThrow(/destroy/);
  });
});
