// The shared SWP command layer over a fake carrier, and the two carriers' wire mappings.
import { describe, expect, it } from 'vitest';
import { isTransportError, TransportError } from '../../src/core/errors';
import { createSwpCommands, type SwpCarrier, type SwpCommand } from '../../src/transports/swp/commands';
import { commandRequest } from '../../src/transports/swp/http-carrier';

const wireMessage = (seq: number) => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  from: { id: 'bot', role: 'bot' },
  parts: [{ kind: 'text', text: `hi ${seq}` }],
  createdAt: new Date(0).toISOString(),
});

function fakeCarrier(answer: (command: SwpCommand) => unknown, connected = true) {
  const sent: SwpCommand[] = [];
  const typing: boolean[] = [];
  const carrier: SwpCarrier = {
    name: 'fake',
    switchTo: async () => undefined,
    conversation() {
      if (!connected) throw new TransportError('fake', 'network', 'not connected', { retryable: true });
      return 'c1';
    },
    async request(command) {
      sent.push(command);
      return answer(command);
    },
    typing: (on) => void typing.push(on),
    uploadTarget: () => ({ httpBase: 'http://127.0.0.1:1/swp/v1', token: 't', conversationId: 'c1' }),
  };
  return { commands: createSwpCommands(carrier), sent, typing };
}

const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('SWP command layer', () => {
  it('sends the message body and maps the answer to a receipt', async () => {
    const { commands, sent } = fakeCarrier(() => ({ id: 'm9', createdAt: 'now', seq: 9, clientId: 'k1' }));
    const receipt = await commands.send({
      clientId: 'k1',
      text: 'hello',
      attachments: [{ id: 'a1', name: 'x', size: 1, mimeType: 'text/plain', url: 'u' }],
    } as never);
    expect(sent).toEqual([{ t: 'send', conversationId: 'c1', clientId: 'k1', text: 'hello', attachments: [{ id: 'a1' }] }]);
    expect(receipt).toEqual({ clientId: 'k1', id: 'm9', createdAt: 'now', seq: 9 });
  });

  it('sends a message to the conversation it was typed in (several conversations), else to the current one', async () => {
    const { commands, sent } = fakeCarrier(() => ({ id: 'm1', createdAt: 'now' }));
    await commands.send({ clientId: 'k1', text: 'typed in c7', conversationId: 'c7' });
    await commands.send({ clientId: 'k2', text: 'no conversation said' });
    expect(sent.map((c) => (c.t === 'send' ? [c.clientId, c.conversationId] : []))).toEqual([
      ['k1', 'c7'],
      ['k2', 'c1'],
    ]);
  });

  it('lists conversations, and refuses a malformed list', async () => {
    const summary = { id: 'c2', channel: 'notifications', state: 'open', readOnly: true, updatedAt: 'now', unread: 2 };
    const ok = fakeCarrier(() => ({ t: 'ack', ref: 'r', conversations: [summary, { id: 5 }] }));
    expect(await ok.commands.listConversations()).toEqual([summary]);
    expect(ok.sent).toEqual([{ t: 'conversations.list' }]);
    const bad = fakeCarrier(() => ({ t: 'ack', ref: 'r' }));
    const error = await rejection(bad.commands.listConversations());
    expect(isTransportError(error) && error.code).toBe('server');
  });

  it('keeps the message clientId when the answer has none, and refuses an answer without ids', async () => {
    const ok = fakeCarrier(() => ({ id: 'm1', createdAt: 'now' }));
    expect(await ok.commands.send({ clientId: 'k2', text: 'x' })).toEqual({ clientId: 'k2', id: 'm1', createdAt: 'now' });
    const bad = fakeCarrier(() => ({ t: 'ack', ref: 'r' }));
    const error = await rejection(bad.commands.send({ clientId: 'k3', text: 'x' }));
    expect(isTransportError(error) && error.code).toBe('server');
  });

  it('maps a history page; one malformed message spoils the page', async () => {
    const { commands, sent } = fakeCarrier(() => ({ messages: [wireMessage(1), wireMessage(2)], hasMore: true, before: 1 }));
    const page = await commands.fetchHistory({ before: '5', limit: 2 });
    expect(sent[0]).toEqual({ t: 'history', conversationId: 'c1', before: 5, limit: 2 });
    expect(page.hasMore).toBe(true);
    expect(page.before).toBe('1');
    expect(page.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    const broken = fakeCarrier(() => ({ messages: [wireMessage(1), { id: 'x' }], hasMore: false }));
    expect(isTransportError(await rejection(broken.commands.fetchHistory({})))).toBe(true);
  });

  it('refuses a history cursor it did not hand out, without asking the server', async () => {
    const { commands, sent } = fakeCarrier(() => ({ messages: [], hasMore: false }));
    const error = await rejection(commands.fetchHistory({ before: 'abc' }));
    expect(isTransportError(error) && error.code).toBe('invalid');
    expect(sent).toEqual([]);
  });

  it('passes read, handoff, close and rate, leaving out what is not given', async () => {
    const { commands, sent } = fakeCarrier(() => ({}));
    await commands.markRead(7);
    await commands.requestHandoff({ reason: 'help' });
    await commands.closeConversation();
    await commands.rate(5);
    await commands.rate(2, 'slow');
    expect(sent).toEqual([
      { t: 'read', conversationId: 'c1', upTo: 7 },
      { t: 'handoff.request', conversationId: 'c1', reason: 'help' },
      { t: 'close', conversationId: 'c1' },
      { t: 'rate', conversationId: 'c1', score: 5 },
      { t: 'rate', conversationId: 'c1', score: 2, comment: 'slow' },
    ]);
  });

  it('maps the verification result and refuses an unknown one', async () => {
    expect(await fakeCarrier(() => ({ result: 'expired' })).commands.submitVerification('ch', '123')).toEqual({ result: 'expired' });
    // A lockout is sent as expired + locked (older clients offer a new code); it reads as locked.
    const challenge = { id: 'ch', method: 'sms_otp', attemptsLeft: 0, resendAt: '2030-01-01T00:00:00.000Z' };
    expect(
      await fakeCarrier(() => ({ result: 'expired', locked: true, attemptsLeft: 0, challenge })).commands.submitVerification('ch', '1'),
    ).toEqual({ result: 'locked', attemptsLeft: 0, challenge });
    expect(
      await fakeCarrier(() => ({
        result: 'invalid',
        attemptsLeft: 2,
        challenge: { id: 'ch', method: 'sms_otp' },
      })).commands.submitVerification('ch', '1'),
    ).toEqual({
      result: 'invalid',
      attemptsLeft: 2,
      challenge: { id: 'ch', method: 'sms_otp' },
    });
    // Resend answers with the new challenge; a malformed one is refused.
    expect(await fakeCarrier(() => ({ challenge: { ...challenge, id: 'ch2' } })).commands.resendVerification('ch')).toMatchObject({
      id: 'ch2',
    });
    expect(isTransportError(await rejection(fakeCarrier(() => ({})).commands.resendVerification('ch')))).toBe(true);
    expect(isTransportError(await rejection(fakeCarrier(() => ({ result: 'maybe' })).commands.submitVerification('ch', '1')))).toBe(true);
  });

  it('rejects with a retryable network error while not connected, before any request', async () => {
    const { commands, sent } = fakeCarrier(() => ({}), false);
    for (const p of [
      commands.send({ clientId: 'k', text: 'x' }),
      commands.markRead(1),
      commands.submitVerification('c', '1'),
      commands.rate(3),
    ]) {
      const error = await rejection(p);
      expect(isTransportError(error) && error.code === 'network' && error.retryable).toBe(true);
    }
    expect(sent).toEqual([]);
  });
});

describe('HTTP carrier', () => {
  it('the HTTP carrier turns commands into requests; sends carry an Idempotency-Key', () => {
    const send = commandRequest({ t: 'send', conversationId: 'c/1', clientId: 'k', text: 'x' });
    expect(send.path).toBe('conversations/c%2F1/messages');
    expect(send.options).toMatchObject({ method: 'post', json: { clientId: 'k', text: 'x' }, headers: { 'Idempotency-Key': 'k' } });
    expect(commandRequest({ t: 'history', conversationId: 'c1', limit: 10 })).toEqual({
      path: 'conversations/c1/messages',
      options: { searchParams: { limit: 10 } },
    });
    expect(commandRequest({ t: 'verify.submit', challengeId: 'ch', code: '1' })).toEqual({
      path: 'verify',
      options: { method: 'post', json: { challengeId: 'ch', code: '1' } },
    });
    expect(commandRequest({ t: 'rate', conversationId: 'c1', score: 2, comment: 'ok' }).options).toEqual({
      method: 'post',
      json: { score: 2, comment: 'ok' },
    });
  });
});
