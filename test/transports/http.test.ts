// The HTTP transport against the real reference server (conformance suite).
import { createHttpTransport } from '../../src/transports/http';
import { runConformance } from './conformance';

runConformance('http', ({ baseUrl }) =>
  createHttpTransport({
    baseUrl,
    pollWaitSeconds: 2,
    requestTimeoutMs: 3000,
    retryLimit: 2,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
  }),
);
