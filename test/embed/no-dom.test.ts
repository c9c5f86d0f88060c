/**
 * Server-side rendering: importing the package never crashes without a DOM, and creating a widget
 * there throws a typed error saying where to create it.
 */
import { describe, expect, it } from 'vitest';

describe('without a DOM (node)', () => {
  it('imports cleanly, and createSupportChat throws an EnvironmentError', async () => {
    expect(typeof document).toBe('undefined');
    // The build defines it; vitest does not.
    (globalThis as Record<string, unknown>).__SC_VERSION__ = 'test';
    const sdk = await import('../../src/index');
    const { isEnvironmentError } = await import('../../src/embed/errors');
    let error: unknown;
    try {
      sdk.createSupportChat({ transport: () => sdk.createMemoryTransport() });
    } catch (e) {
      error = e;
    }
    expect(isEnvironmentError(error)).toBe(true);
    expect(sdk.isChatError(error)).toBe(true);
    expect((error as Error).message).toContain('create the widget on the client');
  });
});
