/**
 * `support-chat-server operators …`: add, list, disable, enable and reset operator accounts in the
 * deployment's database (the same settings as the server: `--data-dir`, `DATABASE_URL`, …).
 *
 *     support-chat-server operators add anna --role supervisor --display-name "Anna K."
 *     support-chat-server operators list | disable anna | enable anna | reset anna
 *
 * A password is read from standard input when piped, else generated and printed once.
 * @module
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../cli/commands';
import { openStore } from '../cli/open-store';
import { readSettings, SettingsError } from '../cli/settings';
import type { AccountStore } from '../db/accounts-store';
import { AccountError, addAccount, resetPassword, setDisabled } from './accounts';
import { generatePassword } from './password';

const USAGE = `usage: support-chat-server operators <command> [--data-dir DIR | --database-url URL]
  add NAME --role operator|supervisor [--display-name "…"] [--avatar-url URL]
  list
  disable NAME
  enable NAME
  reset NAME            (a new password; ends the account's sessions)
The password of add and reset is read from standard input when piped, else generated and printed once.
`;

const STORE_FLAGS = ['data-dir', 'database-url', 'database-schema', 'config'] as const;

/** A password: piped in, or a new one to show once. */
async function password(io: CliIo): Promise<{ value: string; generated: boolean }> {
  const piped = (await io.readStdin()).replace(/\r?\n$/, '');
  return piped ? { value: piped, generated: false } : { value: generatePassword(), generated: true };
}

async function list(store: AccountStore, io: CliIo): Promise<void> {
  const rows = await store.listAccounts();
  if (rows.length === 0) return io.out('no operator accounts\n');
  for (const a of rows) io.out(`${a.username}\t${a.role}\t${a.disabled ? 'disabled' : 'enabled'}\t${a.displayName}\t${a.id}\n`);
}

type Flags = Record<string, string | undefined>;

async function runSub(store: AccountStore, sub: string, name: string | undefined, flags: Flags, io: CliIo): Promise<number> {
  if (sub === 'list') {
    await list(store, io);
    return 0;
  }
  if (!name) throw new AccountError(`operators ${sub} needs a NAME`);
  if (sub === 'add') {
    const role = flags.role;
    if (role !== 'operator' && role !== 'supervisor') throw new AccountError('--role must be operator or supervisor');
    const pw = await password(io);
    const a = await addAccount(store, {
      username: name,
      role,
      password: pw.value,
      ...(flags['display-name'] ? { displayName: flags['display-name'] } : {}),
      ...(flags['avatar-url'] ? { avatarUrl: flags['avatar-url'] } : {}),
    });
    io.out(`added ${a.username} (${a.role}) ${a.id}\n`);
    if (pw.generated) io.out(`password: ${pw.value}\n(shown once; give it to ${a.username} in person)\n`);
  } else if (sub === 'disable' || sub === 'enable') {
    await setDisabled(store, name, sub === 'disable');
    io.out(`${sub}d ${name}${sub === 'disable' ? ' (its sessions ended)' : ''}\n`);
  } else if (sub === 'reset') {
    const pw = await password(io);
    await resetPassword(store, name, pw.value);
    io.out(`reset ${name} (its sessions ended)\n`);
    if (pw.generated) io.out(`password: ${pw.value}\n(shown once)\n`);
  } else {
    io.err(USAGE);
    return 2;
  }
  return 0;
}

async function operators(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = {
      role: { type: 'string' },
      'display-name': { type: 'string' },
      'avatar-url': { type: 'string' },
      help: { type: 'boolean' },
    } as const;
    const store = Object.fromEntries(STORE_FLAGS.map((f) => [f, { type: 'string' as const }]));
    parsed = parseArgs({ args: argv, options: { ...options, ...store }, strict: true, allowPositionals: true });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [sub, name, ...extra] = parsed.positionals;
  const flags = parsed.values as Flags;
  if (parsed.values.help === true) {
    io.out(USAGE);
    return 0;
  }
  if (!sub || extra.length > 0) {
    io.err(USAGE);
    return 2;
  }
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    const given = STORE_FLAGS.flatMap((f) => (flags[f] !== undefined ? [`--${f}`, flags[f]!] : []));
    store = await openStore(readSettings(given, io.env).options);
    return await runSub(store.accounts, sub, name, flags, io);
  } catch (e) {
    if (!(e instanceof AccountError || e instanceof SettingsError)) throw e;
    io.err(`support-chat-server operators: ${e.message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

/** This area's subcommands by name. */
export const ACCOUNT_COMMANDS: Readonly<Record<string, CliCommand>> = {
  operators: { help: 'operators add|list|disable|enable|reset: operator accounts', run: operators },
};
