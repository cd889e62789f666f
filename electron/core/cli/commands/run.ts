import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import type { RunParams } from '../../../../shared/domain';
import { TriadError } from '../../../../shared/errors';
import { formatMs, printJson } from '../output';
import { collectVar } from './prompts';
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
  model?: string;
  promptRef?: string;
  var: Record<string, string>;
  prompt?: string;
  promptFile?: string;
  mode?: 'chat' | 'completion';
  system?: string;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  minP?: number;
  repeatPenalty?: number;
  stop?: string[];
  jsonSchema?: string;
  lora?: { ref: string; scale: number }[];
  json?: boolean;
}

/** `--lora REF[:SCALE]`: an adapter reference (NAME, NAME@VERSION, sha256:HEX) with an optional scale (default 1). */
function collectLora(value: string, previous: { ref: string; scale: number }[] = []): { ref: string; scale: number }[] {
  const m = /^(.+):(-?\d+(?:\.\d+)?)$/.exec(value);
  // `sha256:123456` is a reference, not a reference with a scale.
  const scaled = m !== null && !/^sha256$/i.test(m[1]!);
  const ref = scaled ? m[1]! : value;
  const scale = scaled ? Number(m[2]) : 1;
  if (ref.trim().length === 0) throw new InvalidArgumentError('Name an adapter: REF or REF:SCALE.');
  return [...previous, { ref, scale }];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads --json-schema FILE; a file that is not JSON is refused before anything runs. */
async function readSchema(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new TriadError('BAD_INPUT', `Cannot read the JSON schema file ${file}: ${err.message}`);
  });
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new TriadError('BAD_INPUT', `${file} is not a JSON schema object: ${(err as Error).message}`, 'Give a file holding one JSON object, e.g. {"type":"object"}.');
  }
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a prompt on a model version and record the trace')
    .option('--model <ref>', 'model reference: NAME, NAME@VERSION or sha256:HEX (optional with a prompt that pins one)')
    .option('--prompt <text>', 'the prompt')
    .option('--prompt-ref <ref>', 'a saved prompt, e.g. NAME@production, rendered with --var')
    .option('--var <key=value>', 'a prompt variable (repeatable)', collectVar, {})
    .option('--prompt-file <file>', 'read the prompt from a file')
    .option('--mode <mode>', 'chat or completion (default: chat, or the saved prompt\'s mode)')
    .option('--system <text>', 'system prompt (chat mode)')
    .option('--temperature <t>', 'sampling temperature (0 = greedy)', num)
    .option('--top-k <k>', 'top-k sampling', int)
    .option('--top-p <p>', 'top-p (nucleus) sampling', num)
    .option('--seed <n>', 'random seed (recorded; random when omitted)', int)
    .option('--max-tokens <n>', 'maximum tokens to generate', int)
    .option('--min-p <p>', 'min-p sampling (0 = off)', num)
    .option('--repeat-penalty <r>', 'repeat penalty (1 = off)', num)
    .option('--stop <text>', 'stop before this string (repeatable)', collect)
    .option('--json-schema <file>', 'constrain the output to this JSON schema')
    .option('--lora <ref[:scale]>', 'apply a LoRA adapter bound to the model, e.g. NAME@1:0.8 (repeatable)', collectLora)
    .option('--json', 'print the result as JSON')
    .action(async (opts: RunOpts, cmd: Command) => {
      const prompt = opts.promptFile ? await readFile(opts.promptFile, 'utf8') : opts.prompt;
      const params: Partial<RunParams> = {};
      if (opts.mode) params.mode = opts.mode;
      if (opts.system !== undefined) params.system = opts.system;
      if (opts.temperature !== undefined) params.temperature = opts.temperature;
      if (opts.topK !== undefined) params.topK = opts.topK;
      if (opts.topP !== undefined) params.topP = opts.topP;
      if (opts.seed !== undefined) params.seed = opts.seed;
      if (opts.maxTokens !== undefined) params.maxTokens = opts.maxTokens;
      if (opts.minP !== undefined) params.minP = opts.minP;
      if (opts.repeatPenalty !== undefined) params.repeatPenalty = opts.repeatPenalty;
      if (opts.stop !== undefined) params.stop = opts.stop;
      if (opts.jsonSchema !== undefined) params.jsonSchema = await readSchema(opts.jsonSchema);
      if (opts.lora !== undefined) params.adapters = opts.lora;
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const streamId = randomUUID().replaceAll('-', '');
        // Stream tokens to a human; JSON mode prints one document at the end.
        const live = !opts.json;
        const input = {
          params,
          streamId,
          ...(opts.model !== undefined ? { model: opts.model } : {}),
          ...(prompt !== undefined ? { prompt } : opts.promptRef === undefined ? { prompt: '' } : {}),
          ...(opts.promptRef !== undefined ? { promptRef: opts.promptRef, vars: opts.var } : {}),
        };
        const result = await callAs(session, user, 'runs.create', input, (event) => {
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
