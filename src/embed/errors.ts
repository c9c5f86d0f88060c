/**
 * The embed's own error: the widget was created where there is no page to mount it on.
 * @module
 */
import { ChatError } from '../core/errors';

/**
 * `createSupportChat` was called without a DOM (server-side rendering, a worker, Node). Importing
 * the package there is safe; create the widget in the browser (e.g. in `useEffect`/`onMounted`).
 */
export class EnvironmentError extends ChatError {
  override name = 'EnvironmentError' as const;
  constructor(what: string) {
    super(`support-chat: ${what} needs a browser page (document is not available here: create the widget on the client)`);
  }
}

/** True for an {@link EnvironmentError}, from any realm. */
export function isEnvironmentError(value: unknown): value is EnvironmentError {
  return value instanceof EnvironmentError || (value instanceof Error && value.name === 'EnvironmentError');
}
