import type { Command } from 'commander';
import type { UserDetail } from '../../../../shared/methods/users';
import type { Role } from '../../../../shared/permissions';
import { TriadError } from '../../../../shared/errors';
import { printJson, printTable } from '../output';
import { promptHidden } from '../prompt';
import { callAs, identifyCli, passwordFromEnvOrPrompt, withWorkspace, type CliSession } from '../session';

/** A new password from TRIAD_NEW_PASSWORD, or asked twice on a terminal. */
async function newPassword(whose: string): Promise<string> {
  const fromEnv = process.env.TRIAD_NEW_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new TriadError('BAD_INPUT', `A new password for ${whose} is needed but there is no terminal to ask for it.`, 'Set TRIAD_NEW_PASSWORD.');
  }
  const first = await promptHidden(`New password for ${whose}: `);
  const again = await promptHidden('Repeat it: ');
  if (first !== again) throw new TriadError('BAD_INPUT', 'The two passwords differ.', 'Run the command again.');
  return first;
}

function state(u: UserDetail): string {
  if (u.disabled) return 'disabled';
  if (u.lockedUntil !== null) return `locked until ${u.lockedUntil.replace('T', ' ').slice(0, 16)}`;
  return 'active';
}

function printUser(u: UserDetail, json: boolean | undefined, what: string): void {
  if (json) printJson(u);
  else process.stdout.write(`${what}: ${u.username} (${u.role}, ${state(u)})\n`);
}

/** Runs `body` as the CLI's user, inside the workspace. */
function asCliUser(cmd: Command, body: (session: CliSession, user: Awaited<ReturnType<typeof identifyCli>>) => Promise<void>): Promise<void> {
  return withWorkspace(cmd, async (session) => body(session, await identifyCli(session.ws)));
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('accounts and roles (admins change them; reviewers may list them)');

  users
    .command('list')
    .description('list every account with its role and state')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, cmd: Command) =>
      asCliUser(cmd, async (session, { user }) => {
        const list = await callAs(session, user, 'users.list', {});
        if (opts.json) return printJson(list);
        printTable(
          ['USER', 'ROLE', 'STATE', 'CREATED', 'LAST SIGN-IN'],
          list.map((u) => [u.username, u.role, state(u), u.createdAt.slice(0, 10), u.lastLoginAt?.replace('T', ' ').slice(0, 16) ?? '—']),
        );
      }),
    );

  users
    .command('add')
    .description('add a user (password from TRIAD_NEW_PASSWORD or a prompt)')
    .argument('<name>', 'user name')
    .requiredOption('--role <role>', 'admin, engineer, analyst or reviewer')
    .option('--json', 'print JSON')
    .action((name: string, opts: { role: string; json?: boolean }, cmd: Command) =>
      asCliUser(cmd, async (session, { user }) => {
        const password = await newPassword(name);
        // The role is checked by the contract, which names the real roles when it is wrong.
        const created = await callAs(session, user, 'users.create', { username: name, role: opts.role as Role, password });
        printUser(created, opts.json, 'Added');
      }),
    );

  users
    .command('role')
    .description("change a user's role")
    .argument('<name>', 'user name')
    .argument('<role>', 'admin, engineer, analyst or reviewer')
    .option('--json', 'print JSON')
    .action((name: string, role: string, opts: { json?: boolean }, cmd: Command) =>
      asCliUser(cmd, async (session, { user }) => {
        printUser(await callAs(session, user, 'users.setRole', { username: name, role: role as Role }), opts.json, 'Role set');
      }),
    );

  for (const [verb, method, done] of [
    ['disable', 'users.disable', 'Disabled'],
    ['enable', 'users.enable', 'Enabled'],
  ] as const) {
    users
      .command(verb)
      .description(verb === 'disable' ? 'disable an account (it is kept, never deleted) and end its sessions' : 'enable a disabled account')
      .argument('<name>', 'user name')
      .option('--json', 'print JSON')
      .action((name: string, opts: { json?: boolean }, cmd: Command) =>
        asCliUser(cmd, async (session, { user }) => {
          printUser(await callAs(session, user, method, { username: name }), opts.json, done);
        }),
      );
  }

  users
    .command('passwd')
    .description("change your password, or (admins) set another user's; the new one from TRIAD_NEW_PASSWORD or a prompt")
    .argument('[name]', 'user name (default: yourself)')
    .option('--json', 'print JSON')
    .action((name: string | undefined, opts: { json?: boolean }, cmd: Command) =>
      asCliUser(cmd, async (session, { user, via }) => {
        const own = name === undefined || name.toLowerCase() === user.username.toLowerCase();
        if (own) {
          // With a token there is no password in hand yet: the current one must still be proven.
          const currentPassword = via === 'password' ? await passwordFromEnvOrPrompt('Current password: ') : await promptHidden('Current password: ');
          const newPass = await newPassword(user.username);
          await callAs(session, user, 'users.changePassword', { currentPassword, newPassword: newPass });
          if (opts.json) printJson({ username: user.username, changed: true });
          else process.stdout.write(`Password changed for ${user.username}. Other sessions have ended.\n`);
          return;
        }
        const updated = await callAs(session, user, 'users.resetPassword', { username: name, password: await newPassword(name) });
        printUser(updated, opts.json, 'Password set');
      }),
    );
}
