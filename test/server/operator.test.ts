import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { loginCookie } from '../helpers/operator-accounts';
import { connectOperator, TEST_PASSWORD } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('operator API', () => {
  it('the operator is the account: its id, display name and role, whatever the hello says', async () => {
    server = await testServer();
    const { id } = await server.createOperatorAccount({
      username: 'anna',
      displayName: 'Anna K',
      role: 'operator',
      password: TEST_PASSWORD,
    });
    const ok = await connectOperator(server.url, 'anna', { cookie: await loginCookie(server.url, 'anna') });
    expect(ok.operator).toMatchObject({ id, role: 'agent', name: 'Anna K' });
    expect(id).toMatch(/^op_[A-Za-z0-9_-]{16}$/);
    await ok.disconnect();
    // Another spelling of the username signs in to the same account, with its password only.
    const again = await connectOperator(server.url, 'ANNA', { cookie: await loginCookie(server.url, 'ANNA') });
    expect(again.operator.id).toBe(id);
    await again.disconnect();
    await expect(loginCookie(server.url, 'ANNA', 'not-annas-password')).rejects.toThrow(/401/);
  });

  it('refuses a browser upgrade from another origin', async () => {
    server = await testServer();
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/swp/v1/operator/ws', { headers: { Origin: 'https://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('refused'));
      ws.once('unexpected-response', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('shows the customer context first: segment, topic, attributes, page, verification and (demo mode) the pending code', async () => {
    server = await testServer({ demo: true });
    const { c, welcome } = await Customer.connect(server, {
      user: { name: 'Maria', segment: 'business', attributes: { plan: 'Pro' } },
      metadata: { url: 'https://bank.example/pay' },
    });
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'q', text: 'question about payments' });
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId, topic: 'payments' });
    const op = await connectOperator(server.url, 'Anna');
    const q = await op.waitForQueue((s) => s.verifying.length === 1);
    expect(q.verifying[0]).toMatchObject({ topic: 'payments', segment: 'business', customer: { name: 'Maria', verified: false } });
    expect(q.verifying[0]!.pendingCode).toBe(await server.lastVerificationCode(welcome.conversationId));
    const detail = await op.view(welcome.conversationId);
    expect(detail.customer).toMatchObject({ segment: 'business', attributes: { plan: 'Pro' }, verified: false, identified: false });
    expect(detail.metadata).toEqual({ url: 'https://bank.example/pay' });
    expect(detail.messages.map((m) => m.from.role)).toContain('bot');
    // Not waiting yet (verification pending): accept is refused.
    await expect(op.accept(welcome.conversationId)).rejects.toMatchObject({ code: 'closed' });
    await op.disconnect();
    await c.close();
  });
});
