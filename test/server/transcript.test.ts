import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { connectOperator, type OperatorClient } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const handoffQueued = (f: { t: string; event?: { type: string; state?: string } }) =>
  f.t === 'event' && f.event?.type === 'handoff' && f.event.state === 'queued';

/** A conversation with the bot, an operator and a rating with a comment; closed. */
async function ratedConversation(
  locale = 'en',
): Promise<{ c: Customer; op: OperatorClient; conversationId: string; sessionToken: string }> {
  server = await testServer({ verification: false, timeZone: 'Europe/Moscow' });
  const { c, welcome } = await Customer.connect(server, { client: { sdk: 'test', locale } });
  const conversationId = welcome.conversationId;
  await c.request({ t: 'send', conversationId, clientId: 'c1', text: 'My card <script>alert("x")</script> & it is blocked' });
  await c.request({ t: 'handoff.request', conversationId });
  await c.waitFor(handoffQueued);
  const op = await connectOperator(server.url, 'Anna');
  await op.accept(conversationId);
  await op.send(conversationId, 'Hello, I am Anna. Unblocked now.');
  await op.close(conversationId);
  await c.waitFor((f) => f.t === 'event' && f.event.type === 'conversation' && f.event.state === 'closed');
  expect(await c.request({ t: 'rate', conversationId, score: 4, comment: 'Fast & "kind" <3' })).toMatchObject({ t: 'ack' });
  return { c, op, conversationId, sessionToken: welcome.sessionToken };
}

const exportUrl = (id: string, query = '') => `${server!.url}/swp/v1/operator/conversations/${id}/transcript${query}`;

describe('rating with a comment', () => {
  it('stores the comment and shows it to operators on the closed conversation', async () => {
    const { c, op, conversationId } = await ratedConversation();
    const detail = await op.view(conversationId);
    expect(detail.conversation.state).toBe('closed');
    expect(detail.rating).toEqual({ score: 4, comment: 'Fast & "kind" <3' });
    await op.disconnect();
    await c.close();
  });
});

describe('operator transcript export', () => {
  it('requires the console token: none, a wrong one, or one of a console that left are refused', async () => {
    const { c, op, conversationId, sessionToken } = await ratedConversation();
    const none = await fetch(exportUrl(conversationId));
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'auth' });
    const wrong = await fetch(exportUrl(conversationId), { headers: { Authorization: 'Bearer not-a-token' } });
    expect(wrong.status).toBe(401);
    // The customer's own session token is not an operator's.
    const customer = await fetch(exportUrl(conversationId), { headers: { Authorization: `Bearer ${sessionToken}` } });
    expect(customer.status).toBe(401);
    const token = op.uploadToken;
    await op.disconnect();
    await expect
      .poll(async () => (await fetch(exportUrl(conversationId), { headers: { Authorization: `Bearer ${token}` } })).status)
      .toBe(401);
    await c.close();
  });

  it('sends the whole conversation as a text attachment, with who said what and the rating', async () => {
    const { c, op, conversationId } = await ratedConversation();
    const res = await fetch(exportUrl(conversationId, '?format=txt&tz=Asia/Tokyo'), {
      headers: { Authorization: `Bearer ${op.uploadToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chat-transcript-\d{4}-\d\d-\d\d-\d{4}\.txt"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^Conversation transcript\nSaved: .+ \(Asia\/Tokyo\)\n/);
    expect(text).toContain('] Customer:\n  My card <script>alert("x")</script> & it is blocked\n');
    expect(text).toContain('] Anna:\n  Hello, I am Anna. Unblocked now.\n');
    expect(text).toMatch(/\] Assistant:\n {2}\S/); // the bot's answers are there too
    expect(text).toContain(`Conversation: ${conversationId}\nRating: 4 out of 5 — Fast & "kind" <3\n`);
    await op.disconnect();
    await c.close();
  });

  it('sends a self-contained HTML page with every untrusted string escaped', async () => {
    const { c, op, conversationId } = await ratedConversation();
    const res = await fetch(exportUrl(conversationId, '?format=html'), { headers: { Authorization: `Bearer ${op.uploadToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chat-transcript-.+\.html"$/);
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    const html = await res.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('My card &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; it is blocked');
    expect(html).toContain('<bdi class="who">Anna</bdi>');
    expect(html).toContain('Rating: 4 out of 5 — Fast &#38; &#34;kind&#34; &#60;3');
    await op.disconnect();
    await c.close();
  });

  it('writes in the conversation language, Russian here', async () => {
    const { c, op, conversationId } = await ratedConversation('ru');
    const res = await fetch(exportUrl(conversationId), { headers: { Authorization: `Bearer ${op.uploadToken}` } });
    const text = await res.text();
    expect(text).toMatch(/^Расшифровка диалога\nСохранено: .+ \(Europe\/Moscow\)\n/);
    expect(text).toContain('] Клиент:\n');
    expect(text).toContain('Оценка: 4 из 5 — Fast & "kind" <3');
    await op.disconnect();
    await c.close();
  });

  it('refuses a bad format, a bad zone and an unknown conversation', async () => {
    const { c, op, conversationId } = await ratedConversation();
    const auth = { headers: { Authorization: `Bearer ${op.uploadToken}` } };
    expect((await fetch(exportUrl(conversationId, '?format=pdf'), auth)).status).toBe(400);
    expect((await fetch(exportUrl(conversationId, '?tz=%3Cscript%3E'), auth)).status).toBe(400);
    expect((await fetch(exportUrl('c_nope'), auth)).status).toBe(404);
    expect((await fetch(exportUrl(conversationId), { ...auth, method: 'POST' })).status).toBe(405);
    await op.disconnect();
    await c.close();
  });
});
