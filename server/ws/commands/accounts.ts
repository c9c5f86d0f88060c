/**
 * Operator console commands of the accounts area (see ../operator-commands.ts): supervisors list
 * the accounts and disable or enable one (`accounts.list`, `accounts.disable`, `accounts.enable`).
 * A disable ends the account's sessions and closes its consoles at once; both are audited.
 * @module
 */
import { setDisabled } from '../../auth/accounts';
import { closeOperatorSockets } from '../../auth/live';
import type { AccountRow } from '../../db/accounts-store';
import { usernameKey } from '../../db/accounts-store';
import { ServiceError } from '../../domain/errors';
import { audit } from '../../governance/audit';
import type { AccountSummary } from '../../operator-protocol/accounts';
import type { CommandFrame, OperatorCommand, OperatorCommandEnv } from '../operator-commands';

function supervisorOnly(env: OperatorCommandEnv): void {
  if (env.principal.role !== 'supervisor') throw new ServiceError('forbidden', 'supervisors only');
}

const summary = (a: AccountRow): AccountSummary => ({
  id: a.id,
  username: a.username,
  name: a.displayName,
  role: a.role,
  disabled: a.disabled,
});

const list: OperatorCommand = {
  t: 'accounts.list',
  parse: (o) => ({ t: 'accounts.list', id: String(o.id) }),
  async run(env, f) {
    supervisorOnly(env);
    return { t: 'ack', ref: f.id, accounts: (await env.ctx.store.accounts.listAccounts()).map(summary) };
  },
};

function toggle(t: 'accounts.disable' | 'accounts.enable'): OperatorCommand {
  return {
    t,
    parse(o): CommandFrame | string {
      const username = o.username;
      if (typeof username !== 'string' || username.length === 0 || username.length > 64) return `${t} needs a username`;
      return { t, id: String(o.id), username };
    },
    async run(env, f) {
      supervisorOnly(env);
      const { ctx, principal } = env;
      const username = f.username as string;
      const disable = t === 'accounts.disable';
      const found = await ctx.store.accounts.accountByUsername(username);
      if (!found) throw new ServiceError('not_found', `no account "${username}"`);
      if (disable && found.id === principal.id) throw new ServiceError('invalid', 'you cannot disable your own account');
      const account = await setDisabled(ctx.store.accounts, usernameKey(username), disable, ctx.config.now());
      if (disable) closeOperatorSockets(ctx, { accountId: account.id }, 'account disabled');
      await audit(ctx, { actor: principal, action: 'account', detail: `${disable ? 'disable' : 'enable'} ${account.username}` });
      return { t: 'ack', ref: f.id, account: summary(account) };
    },
  };
}

/** The accounts area's commands. */
export const ACCOUNTS_COMMANDS: readonly OperatorCommand[] = [list, toggle('accounts.disable'), toggle('accounts.enable')];
