/**
 * HTTP routes of the handoff commands (the WebSocket frames `handoff.cancel`, `handoff.note`,
 * `handoff.preview`), for an authenticated session that owns the conversation:
 * `POST …/handoff/cancel` (204), `POST …/handoff/note` `{ note }` and `GET …/handoff/preview`
 * (200 `{ preview }`).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { type HandoffCommand, runHandoffCommand } from '../domain/handoff-commands';
import { bodyAsFrame, checkFrame } from '../validate';
import { json, noContent, readJson } from './respond';

/** Serves `handoff/<command>`; false when the method does not fit. */
export async function handoffRoute(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  session: SessionRow,
  conversationId: string,
  action: string,
  method: string,
): Promise<boolean> {
  const command = action.slice('handoff/'.length);
  if (command === 'preview' ? method !== 'GET' : method !== 'POST') return false;
  const body = command === 'note' ? await readJson(req, ctx.config.limits.maxFrameBytes) : {};
  const checked = checkFrame(bodyAsFrame(body, `handoff.${command}`, { conversationId }), ctx.config.limits);
  if (!checked.ok) throw new ServiceError('invalid', checked.message);
  const f = checked.frame;
  if (f.t !== 'handoff.cancel' && f.t !== 'handoff.note' && f.t !== 'handoff.preview') return false;
  const answer = await runHandoffCommand(ctx, session, f as HandoffCommand);
  if (f.t === 'handoff.cancel') noContent(res);
  else json(res, 200, answer);
  return true;
}
