/**
 * `npm run bench`: what complete tracing costs. Generates on a random-weight
 * model (real llama.cpp) alternately without anything around it (baseline: the
 * engine alone) and as a traced run (trace row, output streamed to SQLite every
 * 250 ms, resource sampler at 250 ms, spans, aggregates), and prints the
 * generation speeds and their ratio. Speed claims live here, not in tests.
 *
 *   npm run bench [-- --rounds 5 --tokens 256 --embd 256 --blocks 4]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../electron/core/governance/audit';
import { writeRandomModel } from '../electron/core/models/gguf/randomModel';
import { LlamaEngine } from '../electron/core/runtime/llamaEngine';
import { openWorkspace } from '../electron/core/workspace';
import type { RecordedParams } from '../shared/domain';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    tokens: { type: 'string', default: '256' },
    embd: { type: 'string', default: '256' },
    blocks: { type: 'string', default: '4' },
  },
});
const rounds = Number(values.rounds);
const maxTokens = Number(values.tokens);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'triad-bench-'));
  const engine = new LlamaEngine();
  const ws = openWorkspace({ home, engine });
  try {
    const admin = await ws.users.createFirstAdmin('bench', 'Quiet-Harbor-Lantern-42', 'cli');
    const file = join(home, 'noise.gguf');
    const embd = Number(values.embd);
    await writeRandomModel(file, { name: 'noise', embeddingLength: embd, blockCount: Number(values.blocks), feedForwardLength: embd * 4, seed: 7 });
    const { version: model } = await ws.models.import({ file, name: 'noise', actor: SYSTEM_ACTOR, source: 'system' });
    const params: RecordedParams = { mode: 'completion', temperature: 0, topK: 40, topP: 0.95, minP: 0, repeatPenalty: 1, seed: 1, maxTokens, stop: [] };

    const baseline = async (): Promise<number> => {
      const r = await engine.generate({ modelKey: model.sha256, modelPath: model.path, prompt: 'bench', params, signal: new AbortController().signal, onToken: () => undefined });
      return r.tokensPerSecond ?? 0;
    };
    const traced = async (): Promise<number> => {
      const r = await ws.runs.run({ user: admin, source: 'cli', model: 'noise@1', prompt: 'bench', params, streamId: `bench${Date.now()}` });
      return r.timing.tokensPerSecond ?? 0;
    };

    await baseline(); // load the model and warm caches outside the measurement
    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate so drift (thermal, other load) hits both sides alike.
      off.push(await baseline());
      on.push(await traced());
    }
    const ratio = median(on) / median(off);
    const report = {
      model: `random ${embd}-dim × ${values.blocks} blocks, ${model.parameterCount ?? '?'} parameters`,
      rounds,
      tokensPerRun: maxTokens,
      baselineTokensPerSecond: Number(median(off).toFixed(1)),
      tracedTokensPerSecond: Number(median(on).toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      samplesPerTracedRun: Math.round(ws.db.prepare('SELECT count(*) AS n FROM resource_samples WHERE trace_id IS NOT NULL').pluck().get() as number / rounds),
    };
    process.stdout.write(
      `generation tokens/s (median of ${rounds}, ${maxTokens} tokens each, ${report.model})\n` +
        `  baseline (engine only):           ${report.baselineTokensPerSecond}\n` +
        `  traced (trace + stream + sampler): ${report.tracedTokensPerSecond}\n` +
        `  ratio traced/baseline:             ${report.ratio}\n` +
        `${JSON.stringify(report)}\n`,
    );
  } finally {
    await ws.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
