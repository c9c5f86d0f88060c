// The adapters' readers of backend shapes, alone: Chatwoot messages (roles, echo, input_select,
// cards, attachments, private notes), Rasa utterances (both quick-reply shapes, media, templates,
// custom payloads through the rule) and Engine.IO / Socket.IO frames.
import { describe, expect, it } from 'vitest';
import { toIncoming } from '../../src/transports/chatwoot/map';
import { decodeFrame, engineUrl, eventFrame, connectFrame } from '../../src/transports/rasa/engineio';
import { fromBot } from '../../src/transports/rasa/map';
import { defaultCustomRule } from '../../src/transports/rasa/options';

describe('Chatwoot messages', () => {
  it('roles from message_type and sender.type; echo_id only on the contact’s own', () => {
    const base = { id: 10, content: 'x', content_type: 'text', created_at: 1732430200 };
    expect(toIncoming({ ...base, message_type: 0, echo_id: 'c1', sender: { id: 3, type: 'contact' } }, '5')).toMatchObject({
      id: '10',
      seq: 10,
      clientId: 'c1',
      conversationId: '5',
      from: { role: 'user' },
      createdAt: '2024-11-24T06:36:40.000Z',
    });
    expect(toIncoming({ ...base, message_type: 1, echo_id: 'c1', sender: { id: 7, name: 'Anna', type: 'user' } }, '5')).toMatchObject({
      from: { id: 'agent:7', role: 'agent', name: 'Anna' },
    });
    expect(toIncoming({ ...base, message_type: 1, echo_id: 'c1' }, '5')!.clientId).toBeUndefined();
    expect(toIncoming({ ...base, message_type: 1, sender: { id: 1, type: 'agent_bot' } }, '5')!.from.role).toBe('bot');
    expect(toIncoming({ ...base, message_type: 2 }, '5')!.from.role).toBe('system');
    expect(toIncoming({ ...base, message_type: 1, private: true }, '5')).toBeNull();
  });

  it('input_select items are quick replies until answered; cards and attachments keep their parts', () => {
    const select = {
      id: 11,
      message_type: 1,
      content: 'Pick',
      content_type: 'input_select',
      content_attributes: { items: [{ title: 'A', value: 'a' }] },
    };
    expect(toIncoming(select, '5')!.quickReplies).toEqual([{ id: 'cw:11:0', label: 'A', kind: 'postback', value: 'a' }]);
    expect(
      toIncoming({ ...select, content_attributes: { ...select.content_attributes, submitted_values: [{ value: 'a' }] } }, '5')!
        .quickReplies,
    ).toBeUndefined();
    const cards = toIncoming(
      {
        id: 12,
        message_type: 1,
        content_type: 'cards',
        content_attributes: {
          items: [
            {
              title: 'Plan',
              description: 'Pro',
              media_url: 'https://x/p.png',
              actions: [{ type: 'link', text: 'Open', uri: 'https://x' }],
            },
          ],
        },
      },
      '5',
    )!;
    expect(cards.parts).toEqual([
      {
        kind: 'card',
        title: 'Plan',
        text: 'Pro',
        imageUrl: 'https://x/p.png',
        actions: [{ id: 'card:0', label: 'Open', kind: 'url', value: 'https://x' }],
      },
    ]);
    const file = toIncoming(
      { id: 13, message_type: 0, attachments: [{ id: 4, file_type: 'image', data_url: 'https://x/blobs/a%20b.png', file_size: 9 }] },
      '5',
    )!;
    expect(file.parts).toEqual([
      {
        kind: 'attachment',
        attachment: { id: 'cw-att:4', name: 'a b.png', mimeType: 'image/*', size: 9, url: 'https://x/blobs/a%20b.png' },
      },
    ]);
  });
});

describe('Rasa utterances', () => {
  const read = (raw: unknown) => fromBot(raw, 'm1', 's1', defaultCustomRule);
  it('buttons (REST) and quick_replies (Socket.IO) are the same quick replies; web_url buttons are links', () => {
    const rest = read({
      text: 'Pick',
      buttons: [
        { title: 'Track', payload: '/track' },
        { title: 'Site', type: 'web_url', url: 'https://x' },
      ],
    });
    const sio = read({ text: 'Pick', quick_replies: [{ content_type: 'text', title: 'Track', payload: '/track' }] });
    expect(rest[0]).toMatchObject({
      message: {
        quickReplies: [
          { label: 'Track', kind: 'postback', value: '/track' },
          { label: 'Site', kind: 'url', value: 'https://x' },
        ],
      },
    });
    expect(sio[0]).toMatchObject({ message: { quickReplies: [{ label: 'Track', kind: 'postback', value: '/track' }] } });
  });
  it('images, videos and generic templates', () => {
    expect(read({ attachment: { type: 'video', payload: { src: 'https://x/v.mp4' } } })[0]).toMatchObject({
      message: { parts: [{ kind: 'attachment', attachment: { mimeType: 'video/*', name: 'v.mp4' } }] },
    });
    const template = read({
      attachment: {
        type: 'template',
        payload: { template_type: 'generic', elements: [{ title: 'Card', subtitle: 'Sub', buttons: [{ title: 'Go', payload: '/go' }] }] },
      },
    });
    expect(template[0]).toMatchObject({
      message: { parts: [{ kind: 'card', title: 'Card', subtitle: 'Sub', actions: [{ label: 'Go', value: '/go' }] }] },
    });
  });
  it('custom payloads: the rule’s outcomes, else a custom part; a Socket.IO dict counts as custom', () => {
    expect(read({ custom: { type: 'otp_required', destinationHint: '•••12' } })).toEqual([
      { outcome: { kind: 'verification', challenge: { method: 'sms_otp', destinationHint: '•••12' } } },
    ]);
    expect(read({ type: 'handoff', state: 'accepted' })).toEqual([{ outcome: { kind: 'handoff', state: 'accepted' } }]);
    expect(read({ custom: { type: 'map', lat: 1 } })).toEqual([
      { message: expect.objectContaining({ parts: [{ kind: 'custom', type: 'map', data: { type: 'map', lat: 1 } }] }) },
    ]);
    expect(read('not an object')).toEqual([]);
  });
});

describe('Engine.IO v4 / Socket.IO v5 frames', () => {
  it('reads open, ping, connect, connect_error, events (with an ack id), and ignores other namespaces', () => {
    expect(decodeFrame('0{"sid":"a","pingInterval":300,"pingTimeout":200}')).toEqual({ kind: 'open', pingInterval: 300, pingTimeout: 200 });
    expect(decodeFrame('2')).toEqual({ kind: 'ping' });
    expect(decodeFrame('40{"sid":"b"}')).toEqual({ kind: 'connect' });
    expect(decodeFrame('44{"message":"Unauthorized"}')).toEqual({ kind: 'connect_error', message: 'Unauthorized' });
    expect(decodeFrame('42["bot_uttered",{"text":"hi"}]')).toEqual({ kind: 'event', name: 'bot_uttered', data: { text: 'hi' } });
    expect(decodeFrame('4212["session_confirm","s1"]')).toEqual({ kind: 'event', name: 'session_confirm', data: 's1' });
    expect(decodeFrame('42/admin,["x",1]')).toEqual({ kind: 'other' });
    expect(decodeFrame('42not json')).toEqual({ kind: 'other' });
  });
  it('writes connect (with auth), events, and the URL', () => {
    expect(connectFrame()).toBe('40');
    expect(connectFrame({ token: 't' })).toBe('40{"token":"t"}');
    expect(eventFrame('user_uttered', { message: 'hi' })).toBe('42["user_uttered",{"message":"hi"}]');
    expect(engineUrl('https://bot.example.com/base', '/socket.io')).toBe('wss://bot.example.com/base/socket.io/?EIO=4&transport=websocket');
  });
});
