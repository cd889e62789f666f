import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { SOURCES, TRACE_STATUSES, type Source, type Trace } from '../../../../shared/domain';
import { TriadError } from '../../../../shared/errors';
import { EXPORT_FORMATS, type TraceFilterInput } from '../../../../shared/methods/traces';
import { formatMs, printJson, printTable } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

interface FilterOpts {
  model?: string;
  prompt?: string;
  user?: string;
  source?: string;
  status?: string;
  flag?: string;
  since?: string;
  until?: string;
  search?: string;
}

function oneOf<T extends string>(what: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`Use one of: ${allowed.join(', ')} (${what}).`);
    return value as T;
  };
}

function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--model <ref>', 'only this model (NAME or NAME@VERSION)')
    .option('--prompt <ref>', 'only runs of this prompt (NAME or NAME@VERSION)')
    .option('--user <name>', 'only runs by this user')
    .option('--source <source>', `only from ${SOURCES.join('|')}`, oneOf('source', SOURCES))
    .option('--status <status>', `only ${TRACE_STATUSES.join('|')}`, oneOf('status', TRACE_STATUSES))
    .option('--flag <flag>', 'only traces carrying this flag')
    .option('--since <time>', 'started at or after (ISO-8601)')
    .option('--until <time>', 'started at or before (ISO-8601)')
    .option('--search <text>', 'words that must occur in the input or output (full-text)');
}

function filterOf(o: FilterOpts): TraceFilterInput {
  const f: TraceFilterInput = {};
  if (o.model) f.model = o.model;
  if (o.prompt) f.prompt = o.prompt;
  if (o.user) f.user = o.user;
  if (o.source) f.source = o.source as Source;
  if (o.status) f.status = o.status as Trace['status'];
  if (o.flag) f.flag = o.flag;
  if (o.since) f.from = o.since;
  if (o.until) f.to = o.until;
  if (o.search) f.search = o.search;
  return f;
}

function showTrace(t: Trace): void {
  const rt = t.runtime;
  const res = t.resources;
  const mb = (b: number | null | undefined): string => (b == null ? '—' : `${(b / 1024 / 1024).toFixed(0)} MiB`);
  const lines = [
    `Trace     ${t.id}${t.replayOf ? `   (replay of ${t.replayOf})` : ''}`,
    `Started   ${t.startedAt}   by ${t.user} (${t.source})`,
    `Model     ${t.model.name}@${t.model.version}   sha256:${t.model.sha256}`,
    `Status    ${t.status}${t.finishReason ? ` (${t.finishReason})` : ''}${t.flags.length ? `   flags: ${t.flags.join(', ')}` : ''}`,
    `Params    ${JSON.stringify(t.params)}`,
    t.usage ? `Tokens    ${t.usage.inputTokens} in, ${t.usage.outputTokens} out` : null,
    t.timing
      ? `Timing    ttft ${formatMs(t.timing.ttftMs)}, total ${formatMs(t.timing.totalMs)}, ` +
        `prompt ${t.timing.promptTokensPerSecond?.toFixed(1) ?? '—'} tok/s, generation ${t.timing.tokensPerSecond?.toFixed(1) ?? '—'} tok/s`
      : null,
    rt ? `Runtime   ${rt.backend}, ${rt.threads ?? '?'} threads, ${rt.gpuLayers ?? 0} GPU layers, context ${rt.contextSize ?? '?'}, node-llama-cpp ${rt.nodeLlamaCppVersion ?? '?'}, llama.cpp ${rt.llamaCppVersion ?? '?'}` : null,
    res ? `Resources peak RSS ${mb(res.peakRssBytes)}, peak VRAM ${mb(res.peakVramBytes)}, mean CPU ${res.meanCpuPercent?.toFixed(0) ?? '—'} % (${res.samples} samples)` : null,
    t.spans.length ? `Spans     ${t.spans.map((s) => `${s.name} ${formatMs(s.durationMs)}${s.status === 'error' ? ' (error)' : ''}`).join(' · ')}` : null,
    t.error ? `Error     [${t.error.code}] ${t.error.message}` : null,
    '',
    '— input —',
    t.input,
    '— output —',
    t.output,
  ];
  process.stdout.write(`${lines.filter((l) => l !== null).join('\n')}\n`);
}

export function registerTraces(program: Command): void {
  const traces = program.command('traces').description('read, search, replay and export recorded runs');
  addFilterOptions(traces.command('list').description('list traces, newest first'))
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action(async (opts: FilterOpts & { limit: number; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'traces.list', { limit: opts.limit, ...filterOf(opts) });
        if (opts.json) return printJson(list);
        if (list.length === 0) {
          const filtered = Object.keys(filterOf(opts)).length > 0;
          process.stdout.write(filtered ? 'No traces match.\n' : 'No traces yet. Run one: triad run --model demo-assistant@1 --prompt "Hello"\n');
          return;
        }
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
        showTrace(t);
      });
    });
  traces
    .command('replay')
    .description('re-run a trace with the same model hash, parameters and seed, and diff the output')
    .argument('<id>', 'trace id')
    .option('--json', 'print {"traceId", "replayTraceId", "identical", "diff"}')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const r = await callAs(session, user, 'traces.replay', { id });
        if (opts.json) return printJson(r);
        process.stdout.write(`${r.identical ? 'Identical' : 'Different'}: ${r.traceId} → ${r.replayTraceId}\n`);
        if (!r.identical) {
          for (const part of r.diff) process.stdout.write(part.op === 'equal' ? part.text : part.op === 'insert' ? `{+${part.text}+}` : `[-${part.text}-]`);
          process.stdout.write('\n');
        }
      });
    });
  addFilterOptions(traces.command('export').description('write traces as OTLP JSON (gen_ai.* attributes) or JSON Lines'))
    .requiredOption('--format <format>', EXPORT_FORMATS.join('|'), oneOf('format', EXPORT_FORMATS))
    .requiredOption('--out <file>', 'where to write')
    .option('--limit <n>', 'at most this many traces, newest first', (v) => Number(v), 10_000)
    .option('--json', 'print {"format", "count", "out"}')
    .action(async (opts: FilterOpts & { format: (typeof EXPORT_FORMATS)[number]; out: string; limit: number; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const r = await callAs(session, user, 'traces.export', { format: opts.format, limit: opts.limit, ...filterOf(opts) });
        await writeFile(opts.out, r.content, { flag: 'w' }).catch((err: Error) => {
          throw new TriadError('BAD_INPUT', `Cannot write ${opts.out}: ${err.message}`);
        });
        if (opts.json) return printJson({ format: r.format, count: r.count, out: opts.out });
        process.stdout.write(`Wrote ${r.count} trace(s) as ${r.format} to ${opts.out}\n`);
      });
    });
}
