/**
 * The support-chat protocol: wire knowledge written once. Frame types, enums, validators of both
 * directions and of the model shapes, the error codec, safe JSON and default capabilities.
 * No DOM, no preact, no Node APIs: the client and the reference server both import it.
 * @module
 */
export * from './enums';
export * from './json';
export * from './check';
export * from './model';
export * from './parts';
export * from './messages';
export * from './frames';
export * from './events';
export * from './errors';
export * from './capabilities';
export * from './conversations';
export * from './server-frames';
export type { ChatUser } from '../core/transport';
export * from './client-frames';
export * from './contact';
export * from './when';
