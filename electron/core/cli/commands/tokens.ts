import type { Command } from 'commander';
import { TriadError } from '../../../../shared/errors';
import type { ApiTokenInfo } from '../../../../shared/methods/tokens';
import { roleHas } from '../../../../shared/permissions';
import { printJson, printTable } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

const day = (iso: string | null): string => (iso === null ? '—' : iso.replace('T', ' ').slice(0, 16));

function tokenState(t: ApiTokenInfo): string {
  if (t.revokedAt !== null) return 'revoked';
  if (t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens that act as you (for scripts: TRIAD_TOKEN, or an HTTP bearer)');

  tokens
    .command('create')
    .description('create a token; it is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the token is for, e.g. nightly-eval')
    .option('--expires-days <n>', 'expire after this many days', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; expiresDays?: number; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const input = opts.expiresDays === undefined ? { name: opts.name } : { name: opts.name, expiresInDays: opts.expiresDays };
        const created = await callAs(session, user, 'tokens.create', input);
        if (opts.json) return printJson(created);
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          `Token "${created.info.name}" acts as ${created.info.username}. It is shown only this once: keep it in a secret store.\n` +
            'Use it as TRIAD_TOKEN for the CLI or as "Authorization: Bearer <token>" over HTTP.\n',
        );
      });
    });

  tokens
    .command('list')
    .description('list your tokens (never their secrets); --all lists every user\'s (admins)')
    .option('--all', "every user's tokens (needs users.manage)")
    .option('--user <name>', "one user's tokens (needs users.manage)")
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; user?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const me = await authenticateCli(session.ws);
        const everyone = opts.all === true || opts.user !== undefined;
        const list = everyone
          ? await callAs(session, me, 'tokens.listAll', opts.user === undefined ? {} : { username: opts.user })
          : await callAs(session, me, 'tokens.list', {});
        if (opts.json) return printJson(list);
        if (list.length === 0) {
          return void process.stdout.write(everyone ? 'No tokens.\n' : 'No tokens yet. Create one: triad tokens create --name NAME\n');
        }
        const row = (t: ApiTokenInfo) => [t.id, t.name, tokenState(t), day(t.createdAt), day(t.expiresAt), day(t.lastUsedAt)];
        if (everyone) printTable(['ID', 'OWNER', 'NAME', 'STATE', 'CREATED', 'EXPIRES', 'LAST USED'], list.map((t) => [t.id, t.username, ...row(t).slice(1)]));
        else printTable(['ID', 'NAME', 'STATE', 'CREATED', 'EXPIRES', 'LAST USED'], list.map(row));
      });
    });

  tokens
    .command('revoke')
    .description("revoke one of your tokens (id or name), or as an admin anyone's (id); it stops working at once")
    .argument('<token>', 'token id or name')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const me = await authenticateCli(session.ws);
        let revoked: ApiTokenInfo;
        try {
          revoked = await callAs(session, me, 'tokens.revoke', { token: ref });
        } catch (err) {
          // Not one of mine: an administrator may still mean someone else's token, by id.
          if (!(err instanceof TriadError && err.code === 'NOT_FOUND' && roleHas(me.role, 'users.manage'))) throw err;
          revoked = await callAs(session, me, 'tokens.revokeAny', { id: ref });
        }
        if (opts.json) return printJson(revoked);
        const owner = revoked.username === me.username ? '' : ` of ${revoked.username}`;
        process.stdout.write(`Revoked token "${revoked.name}"${owner} (${revoked.id}).\n`);
      });
    });
}
