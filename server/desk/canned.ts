/**
 * Team canned replies (`desk.canned.*`): read by every operator, created, edited and deleted by
 * supervisors only; every change is pushed (`desk.canned`, the whole list) to each console that
 * asked for the list: on this process at once, on the others through the bus (`canned`, after
 * which each reads the list from the shared database and pushes it to its own consoles).
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { CannedRow } from '../db/desk-store';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { newId } from '../ids';
import type { DeskCannedReply } from '../operator-protocol/desk';
import type { OperatorServerFrame } from '../operator-protocol';
import { requireSupervisor } from './access';

/** A shortcut: 1–32 letters, digits, `-` or `_`. */
export const SHORTCUT = /^[\p{L}\p{N}_-]{1,32}$/u;

type Push = (frame: OperatorServerFrame) => void;
const listeners = new WeakMap<ServerContext, Set<Push>>();

/** Sends `desk.canned` to `push` on every change, until the returned function is called. */
export function watchCanned(ctx: ServerContext, push: Push): () => void {
  let set = listeners.get(ctx);
  if (!set) listeners.set(ctx, (set = new Set()));
  set.add(push);
  return () => set.delete(push);
}

const toWire = (r: CannedRow): DeskCannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  updatedBy: r.updatedBy,
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** The team's canned replies, by shortcut. */
export async function cannedList(ctx: ServerContext): Promise<DeskCannedReply[]> {
  return (await ctx.store.desk.cannedReplies()).map(toWire);
}

function push(ctx: ServerContext, canned: DeskCannedReply[]): void {
  for (const send of listeners.get(ctx) ?? []) send({ t: 'desk.canned', canned });
}

/** Another process changed the list: reads it and pushes it to this process's consoles that asked for it (if any). */
export async function pushCanned(ctx: ServerContext): Promise<void> {
  if (!listeners.get(ctx)?.size) return;
  push(ctx, await cannedList(ctx));
}

async function changed(ctx: ServerContext): Promise<DeskCannedReply[]> {
  ctx.hub.cannedChanged();
  const canned = await cannedList(ctx);
  push(ctx, canned);
  return canned;
}

/** What a supervisor saves. */
export interface CannedInput {
  id?: string;
  shortcut: string;
  title: string;
  body: string;
}

/** Creates (no id) or replaces a canned reply; returns the list. */
export async function saveCanned(ctx: ServerContext, who: OperatorPrincipal, input: CannedInput): Promise<DeskCannedReply[]> {
  requireSupervisor(who);
  const shortcut = input.shortcut.trim().replace(/^\//, '').toLowerCase();
  if (!SHORTCUT.test(shortcut)) throw new ServiceError('invalid', 'a shortcut has 1–32 letters, digits, - or _');
  const title = input.title.trim() || shortcut;
  const body = input.body.trim();
  if (title.length > 80 || body.length === 0 || body.length > ctx.config.limits.maxTextLength)
    throw new ServiceError(
      'invalid',
      `a canned reply has a title of at most 80 characters and a text of 1–${ctx.config.limits.maxTextLength}`,
    );
  if (input.id && !(await ctx.store.desk.cannedReplies()).some((c) => c.id === input.id))
    throw new ServiceError('not_found', 'unknown canned reply');
  const row = { id: input.id ?? newId('cr'), shortcut, title, body, updatedBy: who.name, updatedAt: ctx.config.now() };
  if (!(await ctx.store.desk.saveCanned(row))) throw new ServiceError('invalid', `the shortcut /${shortcut} is taken`);
  ctx.log.info('canned reply saved', { id: row.id, by: who.id });
  return changed(ctx);
}

/** Deletes a canned reply; returns the list. */
export async function deleteCanned(ctx: ServerContext, who: OperatorPrincipal, id: string): Promise<DeskCannedReply[]> {
  requireSupervisor(who);
  if (!(await ctx.store.desk.deleteCanned(id))) throw new ServiceError('not_found', 'unknown canned reply');
  ctx.log.info('canned reply deleted', { id, by: who.id });
  return changed(ctx);
}
