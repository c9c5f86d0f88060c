/**
 * The transport conformance suite (conformance.ts) for the WebSocket and HTTP transports against
 * two reference-server processes sharing one real PostgreSQL: customers through a balancer that
 * spreads their connections over A and B (so a reconnect or the next HTTP request may land on the
 * other process), the visitor's second tab and the operator on B, the bot on whichever process got
 * the message. Without PostgreSQL: one line saying so (a failing test under CI).
 */
import { WebSocket } from 'ws';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { onPostgres } from '../helpers/on-postgres';
import { runConformance } from './conformance';
import { startTwoProcesses } from './two-processes-target';

onPostgres('conformance-two-processes', (db) => {
  runConformance(
    'websocket',
    ({ baseUrl }) =>
      createWebSocketTransport({
        url: baseUrl,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { minDelayMs: 50, maxDelayMs: 300 },
        connectTimeoutMs: 3000,
        ackTimeoutMs: 3000,
      }),
    () => startTwoProcesses(db.url(), db.schema('conf_ws')),
    'two processes on PostgreSQL',
  );
  runConformance(
    'http',
    ({ baseUrl }) =>
      createHttpTransport({
        baseUrl,
        pollWaitSeconds: 2,
        requestTimeoutMs: 3000,
        retryLimit: 2,
        reconnect: { minDelayMs: 50, maxDelayMs: 300 },
      }),
    () => startTwoProcesses(db.url(), db.schema('conf_http')),
    'two processes on PostgreSQL',
  );
});
