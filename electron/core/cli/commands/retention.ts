import type { Command } from 'commander';
import { TriadError } from '../../../../shared/errors';
import { printJson, printTable } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

function days(v: string): number | null {
  if (v === 'never' || v === 'forever') return null;
  if (!/^\d+$/.test(v)) throw new TriadError('BAD_INPUT', `"${v}" is not a number of days.`, 'Give whole days, or "never" for no maximum.');
  return Number(v);
}

export function registerRetention(program: Command): void {
  const retention = program.command('retention').description('how long trace content is kept; legal holds; purge');

  retention
    .command('purge')
    .description('remove trace content past its retention class (the ledger keeps its commitments)')
    .option('--dry-run', 'list what would be purged, change nothing')
    .option('--yes', 'purge for real')
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; yes?: boolean; json?: boolean }, cmd: Command) => {
      if (!opts.dryRun === !opts.yes) {
        throw new TriadError('BAD_INPUT', 'Say either --dry-run (show what would go) or --yes (purge).', 'Run `triad retention purge --dry-run` first.');
      }
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const r = await callAs(session, user, 'retention.purge', { dryRun: Boolean(opts.dryRun) });
        if (opts.json) return printJson(r);
        const verb = r.dryRun ? 'Would purge' : 'Purged';
        const lines = [`${verb} the content of ${r.dryRun ? r.eligible.length : r.purged} trace${(r.dryRun ? r.eligible.length : r.purged) === 1 ? '' : 's'}; ${r.held.length} kept by a legal hold.`];
        for (const c of r.eligible.slice(0, 50)) lines.push(`  ${c.traceId}  ${c.model}  ended ${c.endedAt.slice(0, 10)}  (${c.retentionClass})`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  retention
    .command('classes')
    .description('list retention classes')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'retention.classes', {});
        if (opts.json) return printJson(list);
        printTable(['CLASS', 'MODEL', 'MIN DAYS', 'MAX DAYS'], list.map((c) => [c.name, c.model ?? '(every other)', String(c.minAgeDays), c.maxAgeDays === null ? 'never' : String(c.maxAgeDays)]));
      });
    });

  retention
    .command('set-class')
    .description('create or change a retention class (admin)')
    .argument('<name>', 'class name ("default" applies to every model without its own)')
    .option('--model <name>', 'the model whose traces this class governs')
    .option('--min-days <n>', 'keep content at least this long', '0')
    .option('--max-days <n>', 'purge content older than this ("never" keeps it)', 'never')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { model?: string; minDays: string; maxDays: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const min = days(opts.minDays) ?? 0;
        const c = await callAs(session, user, 'retention.setClass', { name, model: opts.model ?? null, minAgeDays: min, maxAgeDays: days(opts.maxDays) });
        if (opts.json) return printJson(c);
        process.stdout.write(`Class ${c.name}: keep at least ${c.minAgeDays} days, ${c.maxAgeDays === null ? 'never purge' : `purge after ${c.maxAgeDays} days`}.\n`);
      });
    });

  retention
    .command('holds')
    .description('list legal holds in force')
    .option('--all', 'include released holds')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'retention.holds', { includeReleased: Boolean(opts.all) });
        if (opts.json) return printJson(list);
        if (list.length === 0) return void process.stdout.write('No legal holds.\n');
        printTable(['ID', 'SCOPE', 'SINCE', 'BY', 'RELEASED', 'REASON'], list.map((h) => [h.id, h.scope, h.createdAt.slice(0, 10), h.createdBy ?? '—', h.releasedAt?.slice(0, 10) ?? '—', h.reason]));
      });
    });

  retention
    .command('hold')
    .description('place a legal hold that blocks purging (admin)')
    .requiredOption('--scope <scope>', 'all, model:NAME, user:NAME or trace:ID')
    .requiredOption('--reason <text>', 'why (case number, request)')
    .option('--json', 'print JSON')
    .action(async (opts: { scope: string; reason: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const h = await callAs(session, user, 'retention.placeHold', { scope: opts.scope, reason: opts.reason });
        if (opts.json) return printJson(h);
        process.stdout.write(`Legal hold ${h.id} on ${h.scope}.\n`);
      });
    });

  retention
    .command('release')
    .description('release a legal hold (admin)')
    .argument('<id>', 'hold id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const h = await callAs(session, user, 'retention.releaseHold', { id });
        if (opts.json) return printJson(h);
        process.stdout.write(`Released legal hold ${h.id} (${h.scope}).\n`);
      });
    });
}
