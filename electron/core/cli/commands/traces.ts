import type { Command } from 'commander';
import { formatMs, printJson, printTable } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

export function registerTraces(program: Command): void {
  const traces = program.command('traces').description('read recorded runs');
  traces
    .command('list')
    .description('list traces, newest first')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--model <ref>', 'only this model (NAME or NAME@VERSION)')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; model?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'traces.list', { limit: opts.limit, ...(opts.model ? { model: opts.model } : {}) });
        if (opts.json) return printJson(list);
        if (list.length === 0) return void process.stdout.write('No traces yet. Run one: triad run --model demo-assistant@1 --prompt "Hello"\n');
        printTable(
          ['ID', 'STARTED', 'USER', 'MODEL', 'STATUS', 'TOKENS', 'TOTAL', 'OUTPUT'],
          list.map((t) => [
            t.id,
            t.startedAt.replace('T', ' ').slice(0, 19),
            t.user,
            `${t.model.name}@${t.model.version}`,
            t.status,
            String(t.outputTokens ?? '—'),
            formatMs(t.totalMs),
            t.outputPreview.slice(0, 40),
          ]),
        );
      });
    });
  traces
    .command('show')
    .description('show one trace in full')
    .argument('<id>', 'trace id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const t = await callAs(session, user, 'traces.get', { id });
        if (opts.json) return printJson(t);
        const lines = [
          `Trace     ${t.id}`,
          `Started   ${t.startedAt}   by ${t.user} (${t.source})`,
          `Model     ${t.model.name}@${t.model.version}   sha256:${t.model.sha256}`,
          `Status    ${t.status}${t.finishReason ? ` (${t.finishReason})` : ''}`,
          `Params    ${JSON.stringify(t.params)}`,
          t.usage ? `Tokens    ${t.usage.inputTokens} in, ${t.usage.outputTokens} out` : '',
          t.timing ? `Timing    ttft ${formatMs(t.timing.ttftMs)}, total ${formatMs(t.timing.totalMs)}` : '',
          t.error ? `Error     [${t.error.code}] ${t.error.message}` : '',
          '',
          '— input —',
          t.input,
          '— output —',
          t.output,
        ];
        process.stdout.write(`${lines.filter((l, i) => l !== '' || i > 7).join('\n')}\n`);
      });
    });
}
