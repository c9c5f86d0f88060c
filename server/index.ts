/**
 * The programmatic API of the reference server (package `support-chat-server`): start it, and the
 * engines it can run on. The command-line entry is `server/main.ts` (`npx support-chat-server`).
 * @module
 */
export { startServer, type RunningServer } from './app';
export type { ServerOptions } from './config';
export type { Bot, BotContext, BotMessage, BotOutput, BotState } from './bot-types';
export type { ChatStore } from './db/chat-store';
export { createSqliteStore } from './db/sqlite-store';
export { createPgStore, type PgStoreOptions } from './db/pg-store';
export type { Bus, BusMessage } from './bus/bus';
export { createPgBus, type PgBusOptions } from './bus/pg-bus';
export type { BlobStore, StoredBlob } from './blobs/blob-store';
export { createLocalBlobStore } from './blobs/local-blobs';
export { createPgBlobStore, type PgBlobOptions } from './blobs/pg-blobs';
