/**
 * The header's status line, from the chat state. Pure: no DOM.
 * @module
 */
import type { Availability, ConnectionStatus, Participant } from '../../core/model';
import type { I18n } from '../../i18n';
import { formatReturnTime } from '../../protocol/when';
import { senderName } from '../shared/describe-message';

/** Inputs of {@link statusLine}. */
export interface StatusInput {
  connection: ConnectionStatus;
  typing: Participant | null;
  operator: Participant | null;
  availability: Availability | null;
  subtitle?: string;
  /** The connection just came back (shown for a few seconds). */
  backOnline?: boolean;
}

/** Text of the status line and the colour of its dot. */
export interface StatusLine {
  text: string;
  tone: 'online' | 'pending' | 'offline';
}

/** What the header says under the title. Connection trouble wins over everything else. */
export function statusLine(input: StatusInput, i18n: I18n): StatusLine {
  switch (input.connection) {
    case 'idle':
    case 'connecting':
      return { text: i18n.t('status.connecting'), tone: 'pending' };
    case 'reconnecting':
      return { text: i18n.t('status.reconnecting'), tone: 'pending' };
    case 'offline':
      return { text: i18n.t('status.waitingNetwork'), tone: 'offline' };
    case 'failed':
      return { text: i18n.t('status.failed'), tone: 'offline' };
    case 'ended':
      return { text: i18n.t('status.ended'), tone: 'offline' };
    default:
      break;
  }
  if (input.typing) {
    const name = input.typing.name?.trim();
    return { text: name ? i18n.t('typing.named', { name }) : i18n.t('typing.anonymous'), tone: 'online' };
  }
  if (input.backOnline) return { text: i18n.t('status.backOnline'), tone: 'online' };
  if (input.operator) return { text: i18n.t('header.operator', { name: senderName(input.operator, i18n) }), tone: 'online' };
  if (input.subtitle) return { text: input.subtitle, tone: 'online' };
  const a = input.availability;
  if (a && !a.operatorsOnline) {
    // The same phrase as the offline card and the server's notice: "tomorrow at 09:00", in the browser's zone.
    const when = a.nextOpenAt ? formatReturnTime(a.nextOpenAt, i18n.locale) : '';
    return { text: when ? i18n.t('avail.statusBack', { when }) : i18n.t('status.operatorsOffline'), tone: 'offline' };
  }
  if (a?.replyTimeSeconds) {
    return { text: i18n.t('status.replyTime', { count: Math.max(1, Math.round(a.replyTimeSeconds / 60)) }), tone: 'online' };
  }
  return { text: i18n.t('status.online'), tone: 'online' };
}
