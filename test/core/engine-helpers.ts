/** Shared setup of the engine module tests: one engine record over a fake transport. */
import { createFakeTransport, type FakeOptions, type FakeTransport } from './chat-helpers';
import { createEngine, type Engine } from '../../src/core/engine/context';
import type { ChatOptions } from '../../src/core/engine/api';
import type { ChatMessage } from '../../src/core/model';

/** An engine record and its fake transport; `errors` collects what it reports. */
export function engineOver(
  fake: FakeOptions = {},
  options: Partial<ChatOptions> = {},
): { engine: Engine; t: FakeTransport; errors: unknown[] } {
  const t = createFakeTransport(fake);
  const engine = createEngine({ transport: t, locale: 'en', ...options });
  const errors: unknown[] = [];
  engine.emitter.on('error', (e) => errors.push(e));
  return { engine, t, errors };
}

/** An unsent message of the user's. */
export const own = (clientId: string, text = clientId, status: ChatMessage['status'] = 'queued'): ChatMessage => ({
  id: clientId,
  clientId,
  from: { id: 'me', role: 'user' },
  parts: [{ kind: 'text', text }],
  createdAt: new Date(1_700_000_000_000).toISOString(),
  status,
});
