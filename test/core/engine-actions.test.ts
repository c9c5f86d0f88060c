import { describe, expect, it } from 'vitest';
import { engineOver } from './engine-helpers';
import { createActions } from '../../src/core/engine/actions';
import type { FakeTransport } from './chat-helpers';

/** The emulator answers these calls only over a live connection, like a real backend. */
const online = (t: FakeTransport) => t.connect({ user: {}, locale: 'en' });

describe('engine: actions', () => {
  it('requestHandoff shows `requested` at once and asks the transport', async () => {
    const { engine, t } = engineOver();
    await online(t);
    const actions = createActions(engine);
    const states: string[] = [];
    engine.emitter.on('handoff', ({ state }) => states.push(state));
    await actions.requestHandoff('billing');
    expect(engine.s.handoff.value.state).toBe('requested');
    expect(states).toEqual(['requested']);
    expect(t.handoffRequests).toEqual([{ reason: 'billing' }]);
  });

  it('a handoff request that fails goes back to the state before and is reported', async () => {
    const { engine, t, errors } = engineOver();
    t.requestHandoff = () => Promise.reject(new Error('down'));
    await createActions(engine).requestHandoff();
    expect(engine.s.handoff.value.state).toBe('none');
    expect(errors).toHaveLength(1);
  });

  it('a backend without handoff reports `unsupported`', async () => {
    const { engine, errors } = engineOver({ without: ['requestHandoff'] });
    await createActions(engine).requestHandoff();
    expect(errors).toMatchObject([{ code: 'unsupported' }]);
    expect(engine.s.handoff.value.state).toBe('none');
  });

  it("submitVerification answers `expired` without a challenge, keeps a wrong code's result for the form", async () => {
    const { engine, t } = engineOver();
    await online(t);
    const actions = createActions(engine);
    expect(await actions.submitVerification('123456')).toBe('expired');
    engine.s.handoff.value = { state: 'verification_required', challenge: { id: 'ch-1', method: 'sms_otp' } };
    expect(await actions.submitVerification(' 000000 ')).toBe('invalid');
    expect(engine.s.handoff.value.lastResult).toBe('invalid');
    expect(await actions.submitVerification('123456')).toBe('ok'); // the emulator's code
    expect(t.verifications).toEqual([
      ['ch-1', '000000'],
      ['ch-1', '123456'],
    ]);
  });

  it('rate accepts 1–5 only and remembers the score', async () => {
    const { engine, t, errors } = engineOver();
    await online(t);
    const actions = createActions(engine);
    await expect(actions.rate(0)).rejects.toThrow(/1–5/);
    await expect(actions.rate(2.5)).rejects.toThrow(/1–5/);
    expect(t.calls.filter((c) => c.method === 'rate')).toHaveLength(0); // refused before the backend
    await actions.closeConversation(); // the backend rates closed conversations only
    await actions.rate(5, 'great');
    expect(engine.s.rated.value).toBe(5);
    expect(t.calls.filter((c) => c.method === 'rate').map((c) => c.args)).toEqual([[5, 'great']]);
    expect(errors).toEqual([]);
  });

  it('a rating the backend refuses is reported and not remembered', async () => {
    const { engine, t, errors } = engineOver();
    await online(t);
    await createActions(engine).rate(4); // the conversation is still open
    expect(engine.s.rated.value).toBeNull();
    expect(errors).toMatchObject([{ code: 'invalid' }]);
  });

  it('upload without a backend that takes files is refused', async () => {
    const { engine } = engineOver({ without: ['upload'] });
    await expect(createActions(engine).upload(new Blob(['x']))).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('actions throw after destroy', async () => {
    const { engine } = engineOver();
    engine.destroyed = true;
    await expect(createActions(engine).closeConversation()).rejects.toThrow(/destroy/);
  });
});
