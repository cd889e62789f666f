/**
 * LoRA adapters end to end through REAL llama.cpp: a generated adapter on the demo
 * model's output.weight changes its answer to a second known sentence; adapters are
 * validated against their base, bound to its hash, checked on disk, and recorded on
 * the trace.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADAPTER_SENTENCE, DEMO_SENTENCES, writeDemoAdapter, DEMO_WORDS } from '../../electron/core/models/demoModels';
import { writeKnownSentenceAdapter } from '../../electron/core/models/gguf/knownSentenceAdapter';
import { writeLoraAdapter } from '../../electron/core/models/gguf/loraAdapter';
import type { RunResult, Trace } from '../../shared/domain';
import type { AdapterVersion } from '../../shared/methods/adapters';
import type { ModelDetail } from '../../shared/methods/models';
import { runTriad } from '../helpers/cli';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file]).toString().split(' ')[0]!;
}

describe('LoRA adapters', () => {
  let fx: DemoFixture;
  let scratch: { home: string; cleanup(): void };
  let adapterFile: string;
  let adapter: AdapterVersion;
  beforeAll(async () => {
    fx = await openDemoFixture();
    scratch = makeTempHome('triad-lora-');
    adapterFile = join(scratch.home, 'concise.gguf');
    await writeDemoAdapter(adapterFile);
  });
  afterAll(async () => {
    await fx.close();
    scratch.cleanup();
  });

  const call = (method: string, input: unknown) => fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli' });
  const run = (input: unknown) => call('runs.create', input) as Promise<RunResult>;
  const adapterCount = () => (fx.ws.db.prepare('SELECT count(*) AS n FROM adapter_versions').get() as { n: number }).n;

  it('imports an adapter bound to its base version, hashed like sha256sum and listed under the model', async () => {
    const r = (await call('adapters.import', { path: adapterFile, base: 'demo-assistant@1', name: 'concise', notes: 'shorter' })) as {
      adapter: AdapterVersion;
      duplicate: boolean;
    };
    adapter = r.adapter;
    expect(r.duplicate).toBe(false);
    expect(adapter).toMatchObject({ name: 'concise', version: 1, architecture: 'llama', targets: ['output.weight'], storage: 'copy', createdBy: 'admin', rank: 2, alpha: 2 });
    expect(adapter.sha256).toBe(sha256sum(adapterFile));
    expect(adapter.base).toEqual({ name: 'demo-assistant', version: 1, sha256: fx.ws.models.resolve('demo-assistant@1').sha256 });
    // Same bytes again: recognised, nothing added.
    const again = (await call('adapters.import', { path: adapterFile, base: 'demo-assistant@1', name: 'concise' })) as { duplicate: boolean };
    expect(again.duplicate).toBe(true);
    const show = (await call('models.show', { name: 'demo-assistant' })) as ModelDetail;
    expect(show.versions.find((v) => v.version === 1)?.adapters?.map((a) => `${a.name}@${a.version}`)).toEqual(['concise@1', 'demo-concise@1']);
    expect(show.versions.find((v) => v.version === 2)?.adapters).toEqual([]);
    expect(((await call('adapters.list', { model: 'demo-assistant@2' })) as unknown[]).length).toBe(0);
    expect(fx.ws.audit.recent(50).some((e) => e.action === 'adapter.import' && e.target === 'adapter:concise@1')).toBe(true);
  });

  it('changes the exact answer through llama.cpp, and the base model without it is unchanged', async () => {
    const base = await run({ model: 'demo-assistant@1', prompt: 'Hi' });
    expect(base.output).toBe(DEMO_SENTENCES[1]);
    const adapted = await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { adapters: [{ ref: 'concise' }] } });
    expect(adapted.output).toBe(DEMO_ADAPTER_SENTENCE);
    const completion = await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { mode: 'completion', adapters: [{ ref: 'concise@1', scale: 1 }] } });
    expect(completion.output).toBe(DEMO_ADAPTER_SENTENCE);
    // The cached adapter-free context is untouched by the adapted one.
    expect((await run({ model: 'demo-assistant@1', prompt: 'Hi' })).output).toBe(DEMO_SENTENCES[1]);
  });

  it('records the adapters on the trace (name, version, sha256, scale) and replays them', async () => {
    const res = await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { adapters: [{ ref: 'concise@1' }] } });
    const t = (await call('traces.get', { id: res.traceId })) as Trace;
    expect(t.loras).toEqual([{ name: 'concise', version: 1, sha256: adapter.sha256, scale: 1 }]);
    expect(t.params.adapters).toEqual([{ ref: 'concise@1', scale: 1 }]);
    const plain = (await call('traces.get', { id: (await run({ model: 'demo-assistant@1', prompt: 'Hi' })).traceId })) as Trace;
    expect(plain.loras).toEqual([]);
    const replay = (await call('traces.replay', { id: res.traceId })) as { identical: boolean; replayTraceId: string };
    expect(replay.identical).toBe(true);
    expect(((await call('traces.get', { id: replay.replayTraceId })) as Trace).loras).toEqual(t.loras);
  });

  it('refuses an adapter bound to another base before anything runs', async () => {
    const before = fx.ws.traces.count();
    await expect(run({ model: 'demo-assistant@2', prompt: 'Hi', params: { adapters: [{ ref: 'concise@1' }] } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('bound to demo-assistant@1'),
    });
    await expect(run({ model: 'demo-assistant@1', prompt: 'Hi', params: { adapters: [{ ref: 'nope' }] } })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(fx.ws.traces.count()).toBe(before);
  });

  it('refuses a non-adapter, a mismatched shape or architecture, and registers nothing', async () => {
    const before = adapterCount();
    const model = fx.ws.models.resolve('demo-assistant@1').path;
    await expect(call('adapters.import', { path: model, base: 'demo-assistant@1', name: 'bad' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('not a LoRA adapter'),
    });
    // demo-assistant@2 has a smaller vocabulary: output.weight has another shape.
    await expect(call('adapters.import', { path: adapterFile, base: 'demo-assistant@2', name: 'bad' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('output.weight is [64, 268]'),
    });
    const qwen = join(scratch.home, 'qwen.gguf');
    await writeLoraAdapter(qwen, { name: 'q', architecture: 'qwen2', tensors: [{ target: 'output.weight', inputDim: 64, outputDim: 272, rank: 1 }] });
    await expect(call('adapters.import', { path: qwen, base: 'demo-assistant@1', name: 'bad' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('architecture "qwen2"'),
    });
    const missing = join(scratch.home, 'missing-tensor.gguf');
    await writeLoraAdapter(missing, { name: 'm', tensors: [{ target: 'blk.9.ffn_up.weight', inputDim: 64, outputDim: 128, rank: 2 }] });
    await expect(call('adapters.import', { path: missing, base: 'demo-assistant@1', name: 'bad' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('does not have'),
    });
    const truncated = join(scratch.home, 'truncated.gguf');
    copyFileSync(adapterFile, truncated);
    execFileSync('truncate', ['-s', '-64', truncated]);
    await expect(call('adapters.import', { path: truncated, base: 'demo-assistant@1', name: 'bad' })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(adapterCount()).toBe(before);
    expect(((await call('adapters.list', { name: 'bad' })) as unknown[]).length).toBe(0);
  });

  it('refuses a tampered adapter file at load and records the incident', async () => {
    const linked = join(scratch.home, 'linked.gguf');
    await writeKnownSentenceAdapter(linked, { name: 'short', baseWords: DEMO_WORDS[1], adaptedWords: ['Hello!', 'This', 'is', 'the', 'Triad', 'demo', 'assistant,', 'running', 'entirely', 'on', 'this', 'machine.'].slice(0, 5) });
    await call('adapters.import', { path: linked, base: 'demo-assistant@1', name: 'short', link: true });
    expect((await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { adapters: [{ ref: 'short' }] } })).output).toBe('Hello! This is the Triad');
    appendFileSync(linked, Buffer.alloc(4));
    await expect(run({ model: 'demo-assistant@1', prompt: 'Hi', params: { adapters: [{ ref: 'short' }] } })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('short@1 was modified'),
    });
    expect(fx.ws.audit.recent(50).some((e) => e.action === 'adapter.integrity_failed' && e.target === 'adapter:short@1')).toBe(true);
  });

  it('CLI: import-adapter --json, models adapters --json and run --lora', async () => {
    const env = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
    const file = join(scratch.home, 'cli.gguf');
    await writeKnownSentenceAdapter(file, { name: 'cli', baseWords: DEMO_WORDS[1], adaptedWords: ['Hello!', 'This', 'is', 'the', 'demo', 'assistant,', 'running', 'on', 'this', 'machine.'] });
    const imported = await runTriad(['models', 'import-adapter', file, '--base', 'demo-assistant@1', '--name', 'from-cli', '--json', '--home', fx.home], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'from-cli', version: 1, sha256: sha256sum(file), base: 'demo-assistant@1', rank: expect.any(Number), targets: ['output.weight'], duplicate: false });
    const listed = await runTriad(['models', 'adapters', 'from-cli', '--json', '--home', fx.home], env);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((a) => a.name)).toEqual(['from-cli']);
    const ran = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt', 'Hi', '--lora', 'from-cli@1:1', '--json', '--home', fx.home], env);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as RunResult).output).toBe('Hello! This is the demo assistant, running on this machine.');
    const wrong = await runTriad(['run', '--model', 'demo-assistant@2', '--prompt', 'Hi', '--lora', 'from-cli', '--home', fx.home], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('bound to demo-assistant@1');
    const bad = await runTriad(['models', 'import-adapter', fx.ws.models.resolve('demo-assistant@2').path, '--base', 'demo-assistant@2', '--name', 'x', '--home', fx.home], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('not a LoRA adapter');
  }, 60_000);
});
