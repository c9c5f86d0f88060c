/**
 * Operator console frames beyond the core ones (`view`, `accept`, `send`, `typing`, `read`,
 * `close`): each area of the console registers its own commands here, in its own file under
 * `server/ws/commands/`.
 * @module
 */
import type { WebSocket } from 'ws';
import type { OperatorPrincipal } from '../auth/principal';
import type { ServerContext } from '../domain/context';
import type { OperatorServerFrame } from '../operator-protocol';
import type { OperatorConnection, OperatorRegistry } from './operator-registry';

/** What a command runs with. */
export interface OperatorCommandEnv {
  ctx: ServerContext;
  registry: OperatorRegistry;
  /** The signed-in operator. */
  principal: OperatorPrincipal;
  conn: OperatorConnection;
  socket: WebSocket;
  /** Sends a frame to this console. */
  send(frame: OperatorServerFrame): void;
  /** Throws `not_found` / `forbidden` unless this operator holds the conversation. */
  owned(conversationId: string): Promise<void>;
}

/** A parsed frame of a registered command: `t`, the request `id`, and the fields its `parse` kept. */
export type CommandFrame = { t: string; id: string } & Record<string, unknown>;

/** One command: `parse` validates the raw frame (a message string when invalid); `run` answers it. */
export interface OperatorCommand {
  t: string;
  /** Returns the checked frame, or what is wrong with it (sent back as `nack invalid`). */
  parse(raw: Record<string, unknown>): CommandFrame | string;
  /** Runs it; the returned frame (usually an `ack` with `ref: frame.id`) is sent back. */
  run(env: OperatorCommandEnv, frame: CommandFrame): Promise<OperatorServerFrame | undefined>;
}
