import type { Command } from 'commander';
import { NEW_PASSWORD, USERNAME } from '../../../../shared/contract';
import { TriadError } from '../../../../shared/errors';
import type { Workspace } from '../../workspace';
import { printJson } from '../output';
import { passwordFromEnvOrPrompt, withWorkspace } from '../session';

/** Creates the first admin from a name and TRIAD_PASSWORD (or a prompt). */
export async function createAdminFromCli(ws: Workspace, name: string): Promise<{ username: string; role: string }> {
  const username = USERNAME.safeParse(name);
  if (!username.success) throw new TriadError('BAD_INPUT', `Invalid admin name: ${username.error.issues[0]?.message ?? ''}`);
  const password = await passwordFromEnvOrPrompt(`Password for the new admin ${username.data}: `);
  const valid = NEW_PASSWORD.safeParse(password);
  if (!valid.success) throw new TriadError('BAD_INPUT', valid.error.issues[0]?.message ?? 'Invalid password.');
  const user = await ws.users.createFirstAdmin(username.data, valid.data, 'cli');
  return { username: user.username, role: user.role };
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a workspace and its first admin (password from TRIAD_PASSWORD or a prompt)')
    .requiredOption('--admin <name>', 'user name of the first administrator')
    .option('--json', 'print JSON')
    .action(async (opts: { admin: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async ({ ws }) => {
        const admin = await createAdminFromCli(ws, opts.admin);
        if (opts.json) printJson({ home: ws.paths.home, admin });
        else process.stdout.write(`Workspace ready at ${ws.paths.home}\nAdministrator: ${admin.username}\n`);
      });
    });
}
