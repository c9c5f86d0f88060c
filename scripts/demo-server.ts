/**
 * The demo's restartable reference server: `POST /demo/restart` (from the demo page's fault panel)
 * closes the running server and starts it again in-process, on the same port and data directory,
 * so clients reconnect and find their session and history in SQLite. Used by `scripts/demo.ts`
 * and the browser tests.
 * @module
 */
import { startServer, type RunningServer, type ServerOptions } from '../server/app';

/** A server that can be restarted in place. */
export interface RestartableServer {
  /** The server running now (a new object after each restart). */
  readonly current: RunningServer;
  /** Closes the server and starts it again on the same port; resolves once it listens. */
  restart(): Promise<void>;
  /** How many restarts completed. */
  readonly restarts: number;
  close(): Promise<void>;
}

/**
 * Starts the server with the demo's fault switches on (`demoControls`), in demo mode (the console
 * shows the one-time codes, under a banner; `demo: false` turns it off) and with a restart hook.
 * `options.dataDir` should be a directory: `':memory:'` would lose everything on restart.
 */
export async function startDemoServer(
  options: Omit<ServerOptions, 'demoControls' | 'onDemoRestart'>,
  onRestarted?: (server: RunningServer) => void,
): Promise<RestartableServer> {
  let running: Promise<void> | undefined;
  let closed = false;
  let restarts = 0;
  const start = (port: number) =>
    startServer({ demo: true, ...options, port, demoControls: true, onDemoRestart: () => void self.restart().catch(report) });
  const report = (e: unknown) => console.error('demo: restart failed', e);
  /** The port may linger for a moment after close: try a few times. */
  const startAgain = async (port: number): Promise<RunningServer> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start(port);
      } catch (e) {
        if (attempt >= 5 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  };
  let current = await start(options.port ?? 8787);
  const port = current.port;

  const self: RestartableServer = {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    restart() {
      running ??= (async () => {
        try {
          await current.close();
          if (closed) return;
          current = await startAgain(port);
          restarts++;
          onRestarted?.(current);
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
    async close() {
      closed = true;
      await running?.catch(() => undefined);
      await current.close();
    },
  };
  return self;
}
