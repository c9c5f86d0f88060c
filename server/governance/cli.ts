/**
 * `support-chat-server` subcommands of this area (see ../cli/commands.ts).
 * @module
 */
import type { CliCommand } from '../cli/commands';

/** This area's subcommands by name. */
export const GOVERNANCE_COMMANDS: Readonly<Record<string, CliCommand>> = {};
