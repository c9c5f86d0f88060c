/**
 * Operator console commands of the desk area (see ../operator-commands.ts): search, canned
 * replies, internal notes, transfer, the customer's past conversations, who is online. Each
 * answers with a `desk.result` frame (docs/protocol.md §Operator API).
 * @module
 */
import { cannedList, deleteCanned, saveCanned, watchCanned } from '../../desk/canned';
import { addNote, listNotes, MAX_NOTE } from '../../desk/notes';
import { onlineOperators, pastConversations, pastTranscript } from '../../desk/people';
import { searchConversations } from '../../desk/search';
import { transferConversation } from '../../desk/transfer';
import type { DeskResultFrame } from '../../operator-protocol/desk';
import type { CommandFrame, OperatorCommand, OperatorCommandEnv } from '../operator-commands';

type Fields = Record<string, { max: number; optional?: boolean; nullable?: boolean }>;

/** A parser of string fields (each 1..max characters unless optional / nullable). */
function fields(t: string, spec: Fields): (raw: Record<string, unknown>) => CommandFrame | string {
  return (raw) => {
    const out: CommandFrame = { t, id: String(raw.id) };
    for (const [k, f] of Object.entries(spec)) {
      const v = Object.prototype.hasOwnProperty.call(raw, k) ? raw[k] : undefined;
      if (v === undefined && f.optional) continue;
      if (v === null && f.nullable) {
        out[k] = null;
        continue;
      }
      if (typeof v !== 'string' || v.length > f.max || (v.length === 0 && !f.optional))
        return `${t} needs ${k} (a string of at most ${f.max} characters)`;
      out[k] = v;
    }
    return out;
  };
}

const str = (f: CommandFrame, k: string): string => String(f[k] ?? '');
const result = (f: CommandFrame, data: Omit<DeskResultFrame, 't' | 'ref'>): DeskResultFrame => ({ t: 'desk.result', ref: f.id, ...data });

const unwatch = new WeakMap<OperatorCommandEnv['socket'], () => void>();

function command(t: string, spec: Fields, run: (env: OperatorCommandEnv, f: CommandFrame) => Promise<DeskResultFrame>): OperatorCommand {
  return { t, parse: fields(t, spec), run };
}

const CONVERSATION = { conversationId: { max: 128 } };

/** The desk area's commands. */
export const DESK_COMMANDS: readonly OperatorCommand[] = [
  command('desk.search', { q: { max: 200 } }, async (env, f) =>
    result(f, { results: await searchConversations(env.ctx, env.principal, str(f, 'q')) }),
  ),
  command('desk.canned.list', {}, async (env, f) => {
    if (!unwatch.has(env.socket)) {
      const stop = watchCanned(env.ctx, env.send);
      unwatch.set(env.socket, stop);
      env.socket.once('close', stop);
    }
    return result(f, { canned: await cannedList(env.ctx) });
  }),
  command(
    'desk.canned.save',
    { cannedId: { max: 64, optional: true }, shortcut: { max: 33 }, title: { max: 80, optional: true }, body: { max: 4000 } },
    async (env, f) => {
      const id = f.cannedId === undefined ? {} : { id: str(f, 'cannedId') };
      return result(f, {
        canned: await saveCanned(env.ctx, env.principal, {
          ...id,
          shortcut: str(f, 'shortcut'),
          title: str(f, 'title'),
          body: str(f, 'body'),
        }),
      });
    },
  ),
  command('desk.canned.delete', { cannedId: { max: 64 } }, async (env, f) =>
    result(f, { canned: await deleteCanned(env.ctx, env.principal, str(f, 'cannedId')) }),
  ),
  command('desk.notes', CONVERSATION, async (env, f) =>
    result(f, { notes: await listNotes(env.ctx, env.principal, str(f, 'conversationId')) }),
  ),
  command('desk.note.add', { ...CONVERSATION, text: { max: MAX_NOTE } }, async (env, f) =>
    result(f, { notes: await addNote(env.ctx, env.principal, str(f, 'conversationId'), str(f, 'text')) }),
  ),
  command('desk.transfer', { ...CONVERSATION, to: { max: 128, nullable: true } }, async (env, f) => {
    const to = await transferConversation(env.ctx, env.principal, {
      conversationId: str(f, 'conversationId'),
      to: f.to === null ? null : str(f, 'to'),
      online: env.registry.principals(),
      elsewhere: env.registry.remotePeople(),
    });
    return result(f, to ? { to: { id: to.id, name: to.name } } : {});
  }),
  command('desk.history', CONVERSATION, async (env, f) =>
    result(f, { conversations: await pastConversations(env.ctx, env.principal, str(f, 'conversationId')) }),
  ),
  command('desk.past', { ...CONVERSATION, pastId: { max: 128 } }, async (env, f) =>
    result(f, { messages: await pastTranscript(env.ctx, env.principal, str(f, 'conversationId'), str(f, 'pastId')) }),
  ),
  command('desk.online', {}, async (env, f) => {
    const { operators, remote } = onlineOperators(env.registry.principals(), env.ctx.operators.online(), env.registry.remotePeople());
    return result(f, { operators, remoteOperators: remote });
  }),
];
