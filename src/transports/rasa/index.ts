/**
 * `createRasaTransport`: a Rasa bot as a support-chat backend, through its REST channel
 * (`mode: 'rest'`) or its Socket.IO channel (`mode: 'socketio'`, spoken over a plain WebSocket).
 * See README "Rasa" for the server side (`rasa run --enable-api --cors "*"`).
 * @module
 */
import type { Transport } from '../../core/transport';
import { resolveRasaOptions, type RasaTransportOptions } from './options';
import { createRasaRestTransport } from './rest';
import { createRasaSocketTransport } from './socketio';

export type { RasaCustomOutcome, RasaCustomRule, RasaTransportOptions } from './options';
export { defaultCustomRule } from './options';
export { rasaCapabilities } from './capabilities';

/** Creates the Rasa transport. Throws `OptionError` for a bad option. */
export function createRasaTransport(options: RasaTransportOptions): Transport {
  const o = resolveRasaOptions(options);
  return o.mode === 'rest' ? createRasaRestTransport(o) : createRasaSocketTransport(o);
}
