import type { Command } from 'commander';
import { ensureDemoWorkspace } from '../../demo/demoWorkspace';
import { DEMO_SENTENCES } from '../../models/demoModels';
import { printJson } from '../output';
import { withWorkspace } from '../session';
import { createAdminFromCli } from './init';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('set up the demo workspace: generated demo models and, on an empty home, the admin (TRIAD_USER/TRIAD_PASSWORD)')
    .option('--admin <name>', 'admin name when the workspace has no users (default: TRIAD_USER)')
    .option('--json', 'print JSON')
    .action(async (opts: { admin?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async ({ ws }) => {
        let admin: { username: string; role: string } | null = null;
        if (ws.users.count() === 0) {
          const name = opts.admin ?? process.env.TRIAD_USER;
          if (name) admin = await createAdminFromCli(ws, name);
        }
        const report = await ensureDemoWorkspace(ws);
        if (opts.json) {
          printJson({ home: ws.paths.home, admin, models: report, sentences: DEMO_SENTENCES });
          return;
        }
        const out: string[] = [`Demo workspace at ${ws.paths.home}`];
        if (admin) out.push(`Administrator created: ${admin.username}`);
        else if (ws.users.count() === 0) out.push('No administrator yet: set TRIAD_USER and TRIAD_PASSWORD, or create one in the app.');
        for (const ref of report.created) out.push(`Registered ${ref}`);
        for (const ref of report.existing) out.push(`Already registered ${ref}`);
        out.push('Try: triad run --model demo-assistant@1 --prompt "Hello"');
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
