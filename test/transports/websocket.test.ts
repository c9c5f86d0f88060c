// The WebSocket transport against the real reference server (conformance suite).
import { WebSocket } from 'ws';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { runConformance } from './conformance';

runConformance('websocket', ({ baseUrl }) =>
  createWebSocketTransport({
    url: baseUrl,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    connectTimeoutMs: 3000,
    ackTimeoutMs: 3000,
  }),
);
