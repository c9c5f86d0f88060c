/**
 * What each stage file of the script-tag build provides.
 * @module
 */
import type { PanelModule } from '../../ui/mount-launcher';
import type { FlowModules } from '../../ui/panel/flows/types';
import type { SensitiveModule, TranscriptModule } from '../../ui/types';
import type { PageAlertsModule } from '../page-alerts';
import type { createHttpTransport } from '../../transports/http';
import type { createMemoryTransport } from '../../transports/memory';
import type { createChatwootTransport } from '../../transports/chatwoot';
import type { createRasaTransport } from '../../transports/rasa';
import type { Messages } from '../../i18n/messages';
import type { BuiltInLocale } from '../../i18n/registry';

/** A built-in language other than English (English ships in the first stage). */
export type StagedLocale = Exclude<BuiltInLocale, 'en'>;

/** The stage files of the string tables: `support-chat.locale-<lang>.js`. */
export type LocaleStages = { [L in StagedLocale as `locale-${L}`]: { table: Messages } };

/**
 * The modules of the stage files, by stage name; the dialog's rarely met flows (`FlowModules`:
 * verify, ending, conversations, offline, guard) are stages over the panel stage.
 */
export interface StageModules extends LocaleStages, FlowModules {
  /** The chat dialog (`support-chat.panel.js`), loaded on first open or on intent. */
  panel: PanelModule;
  /** The HTTP long-polling transport (`support-chat.http.js`), with ky. */
  http: { createHttpTransport: typeof createHttpTransport };
  /** The optional sound and title badge (`support-chat.alerts.js`), for pages that turn one on. */
  alerts: PageAlertsModule;
  /** The in-page memory transport with the demo bot (`support-chat.memory.js`). */
  memory: { createMemoryTransport: typeof createMemoryTransport };
  /** The Chatwoot adapter (`support-chat.chatwoot.js`), for pages that talk to a Chatwoot inbox. */
  chatwoot: { createChatwootTransport: typeof createChatwootTransport };
  /** The Rasa adapter (`support-chat.rasa.js`), for pages that talk to a Rasa bot. */
  rasa: { createRasaTransport: typeof createRasaTransport };
  /** The transcript writer (`support-chat.transcript.js`), fetched when the customer saves a transcript. */
  transcript: TranscriptModule;
  /** The sensitive-data detector (`support-chat.sensitive.js`), fetched when a message first may hold a card number or a code. */
  sensitive: SensitiveModule;
}

/** A stage file's name: `support-chat.<name>.js`. */
export type StageName = keyof StageModules;
