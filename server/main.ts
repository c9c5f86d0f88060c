/**
 * CLI of the reference server: `npx support-chat-server [flags]` (or `npx tsx server/main.ts`).
 * Every setting is a flag, an environment variable, or a key of `--config file.json`; unknown flags
 * are an error. `--help` lists them; the table is `server/cli/settings.ts`.
 * @module
 */
import { startServer } from './app';
import { CLI_COMMANDS } from './cli/commands';
import { helpText, readSettings, SettingsError } from './cli/settings';

const sub = process.argv[2] !== undefined ? CLI_COMMANDS[process.argv[2]] : undefined;
if (sub) {
  const stdin = async (): Promise<string> => {
    if (process.stdin.isTTY) return '';
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  };
  const io = {
    out: (t: string) => process.stdout.write(t),
    err: (t: string) => process.stderr.write(t),
    env: process.env,
    readStdin: stdin,
  };
  process.exit(await sub.run(process.argv.slice(3), io));
}

let read: ReturnType<typeof readSettings>;
try {
  read = readSettings(process.argv.slice(2), process.env);
} catch (e) {
  if (!(e instanceof SettingsError)) throw e;
  process.stderr.write(`support-chat-server: ${e.message}\n`);
  process.exit(2);
}
if (read.help) {
  process.stdout.write(helpText());
  process.exit(0);
}
const options = read.options;

const server = await startServer(options);
process.stdout.write(JSON.stringify({ level: 'info', msg: 'ready', url: server.url, console: server.consoleUrl, ws: server.wsUrl }) + '\n');
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
