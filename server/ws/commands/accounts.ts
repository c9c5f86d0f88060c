/**
 * Operator console commands of the accounts area (see ../operator-commands.ts).
 * @module
 */
import type { OperatorCommand } from '../operator-commands';

/** The accounts area's commands. */
export const ACCOUNTS_COMMANDS: readonly OperatorCommand[] = [];
