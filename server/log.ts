/**
 * Structured logging: one JSON object per line on stdout, filtered by level.
 * @module
 */

/** How much the server writes. `debug` includes every frame-level event. */
export type LogLevel = 'silent' | 'info' | 'debug';

/** Fields attached to a log line. Values must be JSON-serialisable. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A small structured logger. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const rank: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Creates a logger. `silent` drops everything; `info` drops debug lines.
 * @param write where lines go (stdout by default; tests may capture them).
 * @param redact applied to the message and every string or number field (the server masks card numbers).
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  redact: (text: string) => string = (t) => t,
): Logger {
  const min = level === 'silent' ? Infinity : level === 'debug' ? 10 : 20;
  const emit = (lvl: string, msg: string, fields?: LogFields): void => {
    if ((rank[lvl] ?? 0) < min) return;
    const clean: LogFields = {};
    for (const [k, v] of Object.entries(fields ?? {})) {
      // A number can be a card number too: logged as its masked text then.
      const masked = typeof v === 'string' || typeof v === 'number' ? redact(String(v)) : undefined;
      clean[k] = masked === undefined || masked === String(v) ? v : masked;
    }
    write(JSON.stringify({ ts: new Date().toISOString(), level: lvl, msg: redact(msg), ...clean }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
