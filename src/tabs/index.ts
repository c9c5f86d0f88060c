/**
 * Multi-tab building blocks, for hosts that wire the core engine themselves
 * (`createSupportChat` uses them already, see its `multiTab` option).
 * @module
 */
export { createLeaderElection } from './leader';
export type { ChannelConstructor, ChannelLike, ElectionMode, LeaderElection, LeaderElectionOptions, LockManagerLike } from './leader';
export { createTabTransport } from './tab-transport';
export type { TabTransport, TabTransportOptions } from './tab-transport';
export { createUiSync } from './ui-sync';
export type { UiSync, UiSyncOptions } from './ui-sync';
