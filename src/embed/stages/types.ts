/**
 * What each stage file of the script-tag build provides.
 * @module
 */
import type { PanelModule } from '../../ui/mount-launcher';
import type { createHttpTransport } from '../../transports/http';
import type { createMemoryTransport } from '../../transports/memory';

/** The modules of the stage files, by stage name. */
export interface StageModules {
  /** The chat dialog (`support-chat.panel.js`), loaded on first open or on intent. */
  panel: PanelModule;
  /** The HTTP long-polling transport (`support-chat.http.js`), with ky. */
  http: { createHttpTransport: typeof createHttpTransport };
  /** The in-page memory transport with the demo bot (`support-chat.memory.js`). */
  memory: { createMemoryTransport: typeof createMemoryTransport };
}

/** A stage file's name: `support-chat.<name>.js`. */
export type StageName = keyof StageModules;
