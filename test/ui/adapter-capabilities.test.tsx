// @vitest-environment happy-dom
// The dialog shows only what an adapter's capabilities promise: no attach button, handoff chip or
// rating for a Rasa bot without them; files and no handoff chip for a Chatwoot inbox; the rating
// once Chatwoot's CSAT turns it on.
import { afterEach, describe, expect, it } from 'vitest';
import { chatwootCapabilities } from '../../src/transports/chatwoot/capabilities';
import { rasaCapabilities } from '../../src/transports/rasa/capabilities';
import { BOT } from './helpers/emulator';
import { createFakeTransport } from './helpers/emulator';
import { mount, settle, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
});

async function openWith(capabilities: Parameters<typeof createFakeTransport>[0]): Promise<Mounted> {
  m = await mount({ transport: createFakeTransport(capabilities) });
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  m.transport.incoming(BOT, 'Hello! How can I help?');
  await settle();
  return m;
}

describe('the dialog reads adapter capabilities', () => {
  it('Rasa without a handoff payload: no attach button, no handoff chip, no rating after the end', async () => {
    const w = await openWith(rasaCapabilities({ mode: 'rest' }));
    expect(w.$('.sc-attach')).toBeNull();
    expect(w.$('.sc-chip--talk')).toBeNull();
    w.transport.emit({ type: 'conversation', state: 'closed' });
    await settle();
    expect(w.$('.sc-star-input')).toBeNull();
  });

  it('Rasa with a handoff payload offers the handoff chip', async () => {
    const w = await openWith(rasaCapabilities({ mode: 'socketio', handoffPayload: '/handoff' }));
    expect(w.$('.sc-chip--talk')).not.toBeNull();
    expect(w.$('.sc-attach')).toBeNull();
  });

  it('Chatwoot: files yes, handoff chip no; the rating appears when the CSAT survey turns it on', async () => {
    const w = await openWith(chatwootCapabilities());
    expect(w.$('.sc-attach')).not.toBeNull();
    expect(w.$('.sc-chip--talk')).toBeNull();
    w.transport.emit({ type: 'conversation', state: 'closed' });
    await settle();
    expect(w.$('.sc-star-input')).toBeNull();
    w.transport.emit({ type: 'capabilities', capabilities: { rating: true } });
    await settle();
    expect(w.$$('.sc-star-input')).toHaveLength(5);
  });
});
