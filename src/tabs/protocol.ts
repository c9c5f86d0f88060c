/**
 * What tabs say to each other over the chat's BroadcastChannel: calls from follower tabs to the
 * leader, the leader's replies, and the leader's broadcast of every transport event. Everything
 * is plain, structured-cloneable data; errors travel as {@link TransportErrorInfo}.
 * @module
 */
import { toTransportError, type TransportError } from '../core/errors';
import { fromErrorInfo, toErrorInfo } from '../protocol/errors';
import type { ConnectionStatus } from '../core/model';
import type { SessionSnapshot, TransportErrorInfo, TransportEvent } from '../core/transport';

/** Transport methods a follower tab asks the leader to run. */
export type CallMethod =
  | 'hello'
  | 'send'
  | 'fetchHistory'
  | 'markRead'
  | 'requestHandoff'
  | 'cancelHandoff'
  | 'handoffPreview'
  | 'setHandoffNote'
  | 'submitVerification'
  | 'resendVerification'
  | 'skipVerification'
  | 'closeConversation'
  | 'rate'
  | 'leaveContact'
  | 'upload'
  | 'openConversation'
  | 'listConversations'
  | 'updateProfile';

/** Fire-and-forget methods (no reply). */
export type NotifyMethod = 'setTyping' | 'checkAlive';

/** What the leader tells a tab that joins, and every tab when it takes over. */
export interface LeaderState {
  snapshot: SessionSnapshot;
  status: Extract<TransportEvent, { type: 'status' }>;
  /** The latest state events (capabilities, availability, conversation, handoff, queue, operator), oldest first. */
  sticky: TransportEvent[];
}

/** A message on the tabs channel. @internal */
export type TabMessage =
  | { t: 'call'; id: string; from: string; to?: string; method: CallMethod; args: unknown[] }
  | { t: 'notify'; from: string; to?: string; method: NotifyMethod; args: unknown[] }
  | { t: 'reply'; id: string; from: string; to: string; ok: true; value: unknown }
  | { t: 'reply'; id: string; from: string; to: string; ok: false; error: TransportErrorInfo }
  | { t: 'progress'; id: string; to: string; loaded: number; total: number }
  | { t: 'abort'; id: string; from: string }
  | { t: 'event'; from: string; event: TransportEvent; snapshot: SessionSnapshot }
  | { t: 'leader'; from: string; state: LeaderState };

/** Plain-data form of any error, for a reply (the protocol's error codec). @internal */
export function errorToInfo(transport: string, error: unknown): TransportErrorInfo {
  return toErrorInfo(toTransportError(transport, error));
}

/** The thrown form of a reply's error (the protocol's error codec). @internal */
export function infoToError(transport: string, info: TransportErrorInfo): TransportError {
  return fromErrorInfo(transport, info);
}

/** Keeps the latest state events, so a tab that joins (or takes over) starts from the same state. @internal */
export function createStickyState(): {
  remember(event: TransportEvent): void;
  status(): Extract<TransportEvent, { type: 'status' }>;
  events(): TransportEvent[];
} {
  const sticky = new Map<string, TransportEvent>();
  let status: Extract<TransportEvent, { type: 'status' }> = { type: 'status', status: 'idle' };
  const put = (key: string, event: TransportEvent) => {
    sticky.delete(key); // Map order = order of the latest update, which is the replay order.
    sticky.set(key, event);
  };
  return {
    remember(event) {
      switch (event.type) {
        case 'status':
          status = event;
          return;
        case 'capabilities': {
          const prev = sticky.get('capabilities');
          const merged = prev?.type === 'capabilities' ? { ...prev.capabilities, ...event.capabilities } : event.capabilities;
          put('capabilities', { type: 'capabilities', capabilities: merged });
          return;
        }
        case 'conversation':
          if (event.state === 'closed') for (const k of ['handoff', 'queue', 'participant']) sticky.delete(k);
          put('conversation', event);
          return;
        case 'availability':
        case 'handoff':
        case 'queue':
          put(event.type, event);
          return;
        case 'participant':
          if (event.participant.role === 'agent') put('participant', event);
          return;
        case 'conversations':
          put('conversations', event);
          return;
        case 'conversation.summary': {
          const prev = sticky.get('conversations');
          if (prev?.type !== 'conversations') return;
          const rest = prev.conversations.filter((c) => c.id !== event.conversation.id);
          put('conversations', { ...prev, conversations: [event.conversation, ...rest] });
          return;
        }
        case 'conversation.switched':
          for (const k of ['handoff', 'queue', 'participant', 'conversation']) sticky.delete(k);
          return;
        default:
          return;
      }
    },
    status: () => status,
    events: () => [...sticky.values()],
  };
}

/** What a follower shows for the leader's status: a leader that has not started yet is "connecting". @internal */
export function followerStatus(status: ConnectionStatus): ConnectionStatus {
  return status === 'idle' ? 'connecting' : status;
}
