/** The page alerts linked in (npm build). @module */
import type { LoadPageAlerts } from './page-alerts';
import { watchSound } from './sound';
import { watchTitle } from './title-badge';

/** The alert watchers, linked in. @internal */
export const linkedPageAlerts: LoadPageAlerts = () => ({ watchSound, watchTitle });
