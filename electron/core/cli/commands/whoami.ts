import type { Command } from 'commander';
import { permissionsOf } from '../../../../shared/permissions';
import { printJson } from '../output';
import { callAs, identifyCli, withWorkspace } from '../session';

export function registerWhoami(program: Command): void {
  program
    .command('whoami')
    .description('the user the CLI acts as (TRIAD_TOKEN, or TRIAD_USER) and what the role allows')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const { user: signedIn, via } = await identifyCli(session.ws);
        const user = await callAs(session, signedIn, 'auth.whoami', {});
        const permissions = permissionsOf(user.role);
        if (opts.json) printJson({ ...user, permissions, authenticatedBy: via });
        else process.stdout.write(`${user.username} (${user.role}) via ${via}\npermissions: ${permissions.join(', ')}\n`);
      });
    });
}
