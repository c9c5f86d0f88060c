/**
 * Public surface of the framework-free core.
 * @module
 */
export { createChat } from './chat';
export type { Chat, ChatEventMap, ChatOptions, SendFilesOptions, SendOptions } from './chat';
export { isLocalRef, LOCAL_REF_PREFIX } from './attachments';
export type { FileInput } from './attachments';
export type { ChatState, HandoffInfo } from './state';
export { createEmitter } from './emitter';
export type { Emitter } from './emitter';
export { createClientId, createId } from './ids';
export {
  ChatError,
  DestroyedError,
  OptionError,
  ProtocolError,
  TransportError,
  isChatError,
  isOptionError,
  isTransportError,
  toTransportError,
} from './errors';
export { BASIC_CAPABILITIES } from './transport';
export type * from './transport';
export type * from './model';
