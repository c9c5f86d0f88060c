/**
 * Operator console commands of the governance area (see ../operator-commands.ts).
 * @module
 */
import type { OperatorCommand } from '../operator-commands';

/** The governance area's commands. */
export const GOVERNANCE_COMMANDS: readonly OperatorCommand[] = [];
