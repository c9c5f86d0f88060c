/**
 * Operator console commands of the desk area (see ../operator-commands.ts).
 * @module
 */
import type { OperatorCommand } from '../operator-commands';

/** The desk area's commands. */
export const DESK_COMMANDS: readonly OperatorCommand[] = [];
