import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import type { RunParams } from '../../../../shared/domain';
import { formatMs, printJson } from '../output';
import { authenticateCli, callAs, withWorkspace } from '../session';

function num(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('Not a number.');
  return n;
}

function int(value: string): number {
  const n = num(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('Not a whole number.');
  return n;
}

interface RunOpts {
  model: string;
  prompt?: string;
  promptFile?: string;
  mode?: 'chat' | 'completion';
  system?: string;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  json?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a prompt on a model version and record the trace')
    .requiredOption('--model <ref>', 'model reference: NAME, NAME@VERSION or sha256:HEX')
    .option('--prompt <text>', 'the prompt')
    .option('--prompt-file <file>', 'read the prompt from a file')
    .option('--mode <mode>', 'chat or completion', 'chat')
    .option('--system <text>', 'system prompt (chat mode)')
    .option('--temperature <t>', 'sampling temperature (0 = greedy)', num)
    .option('--top-k <k>', 'top-k sampling', int)
    .option('--top-p <p>', 'top-p (nucleus) sampling', num)
    .option('--seed <n>', 'random seed (recorded; random when omitted)', int)
    .option('--max-tokens <n>', 'maximum tokens to generate', int)
    .option('--json', 'print the result as JSON')
    .action(async (opts: RunOpts, cmd: Command) => {
      const prompt = opts.promptFile ? await readFile(opts.promptFile, 'utf8') : (opts.prompt ?? '');
      const params: Partial<RunParams> = {};
      if (opts.mode) params.mode = opts.mode;
      if (opts.system !== undefined) params.system = opts.system;
      if (opts.temperature !== undefined) params.temperature = opts.temperature;
      if (opts.topK !== undefined) params.topK = opts.topK;
      if (opts.topP !== undefined) params.topP = opts.topP;
      if (opts.seed !== undefined) params.seed = opts.seed;
      if (opts.maxTokens !== undefined) params.maxTokens = opts.maxTokens;
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const streamId = randomUUID().replaceAll('-', '');
        // Stream tokens to a human; JSON mode prints one document at the end.
        const live = !opts.json;
        const result = await callAs(session, user, 'runs.create', { model: opts.model, prompt, params, streamId }, (event) => {
          if (live && event.type === 'run.token') process.stdout.write(event.text);
        });
        if (opts.json) {
          printJson(result);
          return;
        }
        process.stdout.write('\n');
        const t = result.timing;
        process.stderr.write(
          `— ${result.model.name}@${result.model.version} · ${result.usage.outputTokens} tokens · ttft ${formatMs(t.ttftMs)} · ` +
            `total ${formatMs(t.totalMs)}${t.tokensPerSecond ? ` · ${t.tokensPerSecond.toFixed(1)} tok/s` : ''} · trace ${result.traceId}\n`,
        );
      });
    });
}
