import type { Command } from 'commander';
import { printJson } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

export function registerWhoami(program: Command): void {
  program
    .command('whoami')
    .description('the user the CLI acts as (TRIAD_USER)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await callAs(session, await authenticateCli(session.ws), 'auth.whoami', {});
        if (opts.json) printJson(user);
        else process.stdout.write(`${user.username} (${user.role})\n`);
      });
    });
}
