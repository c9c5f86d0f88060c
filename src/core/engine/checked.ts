/**
 * Core's gate for what a transport hands in. Built-in transports validate their wire frames, but
 * a custom transport may emit anything: every event and every history message is run through the
 * protocol's validators before it touches the state, so one malformed shape (a number for a text,
 * `from: null`) is dropped with one `error` naming the field, and the widget keeps rendering.
 * @module
 */
import { checkIncomingMessage, checkTransportEvent } from '../../protocol/events';
import { ProtocolError } from '../errors';
import type { HistoryPage, IncomingMessage, TransportEvent } from '../transport';

/** Where the gate reports what it dropped. @internal */
export type DropReporter = (error: ProtocolError) => void;

const describe = (transport: string, what: string, field: string, reason: string) =>
  new ProtocolError(`${transport}: dropped a malformed ${what}: ${field || '(the value)'} ${reason}`, { field });

/** The event, cleaned, or null when it is malformed (reported once). @internal */
export function checkedEvent(transport: string, event: unknown, report: DropReporter): TransportEvent | null {
  const result = checkTransportEvent(event);
  if (result.ok) return result.value;
  const type =
    typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string'
      ? (event as { type: string }).type
      : 'event';
  report(describe(transport, `'${type}' event`, result.field, result.reason));
  return null;
}

/** The page with only the messages that pass (each bad one reported). @internal */
export function checkedPage(transport: string, page: unknown, report: DropReporter): HistoryPage {
  const raw = typeof page === 'object' && page !== null ? (page as Partial<HistoryPage>) : {};
  const messages: IncomingMessage[] = [];
  const list: readonly unknown[] = Array.isArray(raw.messages) ? raw.messages : [];
  if (!Array.isArray(raw.messages)) report(describe(transport, 'history page', 'messages', 'must be an array'));
  list.forEach((item, i) => {
    const result = checkIncomingMessage(item);
    if (result.ok) messages.push(result.value);
    else report(describe(transport, 'history message', `messages[${i}].${result.field.replace(/^message\.?/, '')}`, result.reason));
  });
  return {
    messages,
    hasMore: raw.hasMore === true,
    ...(typeof raw.before === 'string' ? { before: raw.before } : {}),
  };
}
