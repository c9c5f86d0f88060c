import { describe, expect, it } from 'vitest';
import { createMemoryStore, createPersistence, pickMessage } from '../../src/core/persistence';
import type { ChatMessage } from '../../src/core/model';
import { PART_KINDS } from '../../src/protocol/enums';
import { PART_LIMITS, PART_REGISTRY, checkPart, parts, UNKNOWN_PART } from '../../src/protocol/parts';

describe('part registry', () => {
  it('has exactly one entry per part kind', () => {
    expect(Object.keys(PART_REGISTRY).sort()).toEqual([...PART_KINDS].sort());
  });

  it('looks parts up by kind and reports unknown kinds apart from bad ones', () => {
    expect(checkPart({ kind: 'text', text: 'hi', extra: 1 }, 'p')).toEqual({ ok: true, value: { kind: 'text', text: 'hi' } });
    expect(checkPart({ kind: 'hologram' }, 'p')).toBe(UNKNOWN_PART);
    expect(checkPart({ kind: 'toString' }, 'p')).toBe(UNKNOWN_PART);
    expect(checkPart({ kind: 'text', text: 1 }, 'p')).toEqual({ ok: false, field: 'p.text', reason: 'must be a string' });
  });

  it('enforces the text limit', () => {
    expect(checkPart({ kind: 'text', text: 'x'.repeat(PART_LIMITS.maxTextLength) }, 'p')).toMatchObject({ ok: true });
    expect(checkPart({ kind: 'text', text: 'x'.repeat(PART_LIMITS.maxTextLength + 1) }, 'p')).toMatchObject({ ok: false, field: 'p.text' });
  });

  it('validates attachments and cards; bad card buttons are left out', () => {
    const attachment = { id: 'a1', name: 'scan.pdf', mimeType: 'application/pdf', size: 10, url: 'https://x/a1' };
    expect(checkPart({ kind: 'attachment', attachment }, 'p')).toEqual({ ok: true, value: { kind: 'attachment', attachment } });
    expect(checkPart({ kind: 'attachment', attachment: { ...attachment, size: '10' } }, 'p')).toMatchObject({ field: 'p.attachment.size' });
    const card = checkPart(
      { kind: 'card', title: 'T', actions: [{ id: 'b', label: 'Go', kind: 'url', value: 'https://x' }, { id: 'bad' }] },
      'p',
    );
    expect(card).toEqual({
      ok: true,
      value: { kind: 'card', title: 'T', actions: [{ id: 'b', label: 'Go', kind: 'url', value: 'https://x' }] },
    });
  });

  it('accepts custom parts with bounded JSON data, as a fresh copy without prototype keys', () => {
    const data = JSON.parse('{"items":[1,"two",{"three":true}],"__proto__":{"polluted":1},"n":null}');
    const r = checkPart({ kind: 'custom', type: 'order-summary', data }, 'p');
    expect(r).toEqual({
      ok: true,
      value: { kind: 'custom', type: 'order-summary', data: { items: [1, 'two', { three: true }], n: null } },
    });
    if (r !== UNKNOWN_PART && r.ok && r.value.kind === 'custom') expect(r.value.data).not.toBe(data);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // No data reads as null.
    expect(checkPart({ kind: 'custom', type: 'ping' }, 'p')).toEqual({ ok: true, value: { kind: 'custom', type: 'ping', data: null } });
  });

  it('refuses custom parts over the limits or with non-JSON data', () => {
    expect(checkPart({ kind: 'custom', type: 'x'.repeat(101), data: 1 }, 'p')).toMatchObject({ ok: false, field: 'p.type' });
    expect(checkPart({ kind: 'custom', type: '', data: 1 }, 'p')).toMatchObject({ ok: false, field: 'p.type' });
    expect(checkPart({ kind: 'custom', type: 't', data: 'x'.repeat(PART_LIMITS.maxCustomDataLength) }, 'p')).toMatchObject({
      ok: false,
      field: 'p.data',
    });
    let deep: unknown = 1;
    for (let i = 0; i < PART_LIMITS.maxCustomDataDepth + 1; i++) deep = [deep];
    expect(checkPart({ kind: 'custom', type: 't', data: deep }, 'p')).toMatchObject({ ok: false, field: 'p.data' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkPart({ kind: 'custom', type: 't', data: cyclic }, 'p')).toMatchObject({ ok: false, field: 'p.data' });
    expect(checkPart({ kind: 'custom', type: 't', data: { f: () => 1 } }, 'p')).toMatchObject({ ok: false, field: 'p.data' });
    expect(checkPart({ kind: 'custom', type: 't', data: Number.NaN }, 'p')).toMatchObject({ ok: false, field: 'p.data' });
  });

  it('checks part lists: unknown kinds dropped, bad known parts fail with their index', () => {
    expect(parts([{ kind: 'new-thing' }, { kind: 'text', text: 'a' }], 'm.parts')).toEqual({
      ok: true,
      value: [{ kind: 'text', text: 'a' }],
    });
    expect(parts([{ kind: 'text', text: 'a' }, { kind: 'card', title: 5, actions: 'no' }, 7], 'm.parts')).toMatchObject({
      ok: false,
      field: 'm.parts[2]',
    });
    expect(parts({}, 'm.parts')).toMatchObject({ ok: false, field: 'm.parts' });
  });
});

describe('custom parts in persistence', () => {
  const message: ChatMessage = {
    id: 'm1',
    conversationId: 'c1',
    seq: 1,
    from: { id: 'bot', role: 'bot' },
    parts: [
      { kind: 'text', text: 'Your order' },
      { kind: 'custom', type: 'order', data: { id: 42, lines: [{ sku: 'A', qty: 2 }] } },
    ],
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'sent',
  };

  it('pickMessage keeps custom parts', () => {
    expect(pickMessage(message)?.parts).toEqual(message.parts);
  });

  it('a custom part survives a save and a load', async () => {
    const store = createMemoryStore();
    await createPersistence({ store, namespace: 't' }).saveMessages([message]);
    const loaded = await createPersistence({ store, namespace: 't' }).load();
    expect(loaded.messages).toEqual([message]);
  });

  it('stored blob: URLs are dropped (they die with their page), other URLs kept', () => {
    const withBlob: ChatMessage = {
      ...message,
      parts: [
        {
          kind: 'attachment',
          attachment: { id: 'a', name: 'n', mimeType: 'image/png', size: 1, url: 'blob:https://x/1', thumbnailUrl: 'https://x/t' },
        },
      ],
    };
    expect(pickMessage(withBlob)?.parts).toEqual([
      { kind: 'attachment', attachment: { id: 'a', name: 'n', mimeType: 'image/png', size: 1, thumbnailUrl: 'https://x/t' } },
    ]);
  });
});
