import type { Command } from 'commander';
import type { SettingInfo } from '../../../../shared/methods/settings';
import { printJson, printTable } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

function sourceLabel(s: SettingInfo): string {
  return s.source === 'env' ? `overridden by ${s.envVar}` : s.source;
}

export function registerSettings(program: Command): void {
  const settings = program.command('settings').description('workspace runtime settings (environment variables override stored values)');

  settings
    .command('list')
    .description('every setting with its value, default and where the value comes from')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'settings.list', {});
        if (opts.json) return printJson(list);
        printTable(
          ['KEY', 'VALUE', 'DEFAULT', 'SOURCE', 'DESCRIPTION'],
          list.map((s) => [s.key, String(s.value), String(s.default), sourceLabel(s), s.description]),
        );
      });
    });

  settings
    .command('set')
    .description('store a setting (administrators); e.g. triad settings set runtime.runQueue 4')
    .argument('<key>', 'the setting, e.g. runtime.modelMemoryMb')
    .argument('<value>', 'the new value, e.g. 4096 or auto')
    .option('--json', 'print JSON')
    .action(async (key: string, value: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        // The key is checked by the contract (an unknown one lists the real ones); the value by the setting's schema.
        const updated = await callAs(session, user, 'settings.set', { key: key as SettingInfo['key'], value });
        if (opts.json) return printJson(updated);
        process.stdout.write(`${updated.key} = ${String(updated.value)} (stored). Applies ${updated.applies}.\n`);
      });
    });
}
