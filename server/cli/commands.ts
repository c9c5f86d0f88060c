/**
 * Subcommands of `support-chat-server` (`support-chat-server operators add anna --role supervisor`,
 * …): each area registers its own in its own file. Without a subcommand the server starts.
 * @module
 */
import { ACCOUNT_COMMANDS } from '../auth/cli';
import { GOVERNANCE_COMMANDS } from '../governance/cli';

/** Where a command writes and what it reads. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Standard input, read whole (e.g. a password given by pipe); empty when it is a terminal. */
  readStdin(): Promise<string>;
}

/** One subcommand. */
export interface CliCommand {
  /** One line for `--help`. */
  help: string;
  /** Runs it with the arguments after its name; resolves with the exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Every subcommand by name. */
export const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = { ...ACCOUNT_COMMANDS, ...GOVERNANCE_COMMANDS };
