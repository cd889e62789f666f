import type { Command } from 'commander';
import { printJson, printTable, shortHash } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

export function registerModels(program: Command): void {
  const models = program.command('models').description('registered models');
  models
    .command('list')
    .description('list models and their versions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'models.list', {});
        if (opts.json) return printJson(list);
        if (list.length === 0) return void process.stdout.write('No models yet. Run `triad demo` to register the demo models.\n');
        printTable(
          ['MODEL', 'SHA256', 'ARCH', 'SIZE', 'CONTEXT', 'STAGE', 'CREATED'],
          list.flatMap((m) =>
            m.versions.map((v) => [
              `${m.name}@${v.version}`,
              shortHash(v.sha256),
              v.architecture,
              `${(v.sizeBytes / 1024).toFixed(0)} KiB`,
              String(v.contextLength ?? '—'),
              v.stage,
              v.createdAt.slice(0, 10),
            ]),
          ),
        );
      });
    });
}
