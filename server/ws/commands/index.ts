/**
 * Every registered operator command, by frame type.
 * @module
 */
import type { OperatorCommand } from '../operator-commands';
import { ACCOUNTS_COMMANDS } from './accounts';
import { DESK_COMMANDS } from './desk';
import { GOVERNANCE_COMMANDS } from './governance';

/** Registered commands by `t`. */
export const OPERATOR_COMMANDS: ReadonlyMap<string, OperatorCommand> = new Map(
  [...ACCOUNTS_COMMANDS, ...GOVERNANCE_COMMANDS, ...DESK_COMMANDS].map((c) => [c.t, c]),
);
