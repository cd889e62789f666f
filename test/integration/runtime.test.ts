import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { LlamaEngine } from '../../electron/core/runtime/llamaEngine';
import type { RunResult, Trace } from '../../shared/domain';
import type { TriadEvent } from '../../shared/events';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { registerRandomModel } from '../helpers/randomModelFixture';

// Real llama.cpp on generated models: the demo models answer with known sentences.
describe('runtime: sampling options, trace fields, queue, memory budget', () => {
  let fx: DemoFixture;
  beforeAll(async () => {
    fx = await openDemoFixture();
    await registerRandomModel(fx.ws);
  });
  afterAll(async () => {
    await fx.close();
  });

  const call = (method: string, input: unknown, emit?: (e: TriadEvent) => void) =>
    fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli', ...(emit ? { emit } : {}) });
  const run = (input: unknown) => call('runs.create', input) as Promise<RunResult>;
  const trace = (id: string) => call('traces.get', { id }) as Promise<Trace>;

  it('stops before a stop string, in chat and completion mode, and records why', async () => {
    const chat = await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { stop: [' demo'] } });
    expect(chat.output).toBe('Hello! This is the Triad');
    expect(chat.finishReason).toBe('stop');
    const completion = await run({ model: 'demo-assistant@2', prompt: 'Hi', params: { mode: 'completion', stop: ['4111'] } });
    // The space before 4111 belongs to the same token as the stop string.
    expect(completion.output).toBe('Sure! Email jane.doe@example.com and charge card');
    expect((await trace(completion.traceId)).params.stop).toEqual(['4111']);
  });

  it('stops at max tokens with finish reason length', async () => {
    const res = await run({ model: 'demo-assistant@1', prompt: 'Hi', params: { maxTokens: 3 } });
    expect(res.finishReason).toBe('length');
    expect(res.usage.outputTokens).toBe(3);
    expect(DEMO_SENTENCES[1].startsWith(res.output)).toBe(true);
  });

  it('constrains the output to a JSON schema', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const res = await run({ model: 'noise', prompt: 'Answer', params: { jsonSchema: schema, maxTokens: 64 } });
    expect(res.finishReason).toBe('stop');
    expect(typeof (JSON.parse(res.output) as { ok: unknown }).ok).toBe('boolean');
    const t = await trace(res.traceId);
    expect(t.flags).toEqual([]);
    expect(t.spans.find((s) => s.name === 'post_checks')?.attributes['triad.check.passed']).toBe(true);
  });

  it('records every field of a trace: model, parameters, messages, timings, runtime, spans, resources', async () => {
    const res = await run({
      model: 'demo-assistant@1',
      prompt: 'What are you?',
      params: { system: 'Be brief.', temperature: 0.7, topK: 20, topP: 0.9, minP: 0.05, repeatPenalty: 1.1, seed: 99, maxTokens: 64, stop: ['zzz'] },
    });
    const t = await trace(res.traceId);
    expect(t.params).toEqual({
      mode: 'chat',
      system: 'Be brief.',
      temperature: 0.7,
      topK: 20,
      topP: 0.9,
      minP: 0.05,
      repeatPenalty: 1.1,
      seed: 99,
      maxTokens: 64,
      stop: ['zzz'],
    });
    expect(t.inputMessages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What are you?' },
    ]);
    expect(t.output).toBe(res.output);
    expect(t.status).toBe('ok');
    expect(t.finishReason).toBe('stop');
    expect(t.usage!.inputTokens).toBeGreaterThan(0);
    expect(t.usage!.outputTokens).toBe(res.usage.outputTokens);
    expect(t.timing!.ttftMs).toBeGreaterThan(0);
    expect(t.timing!.promptTokensPerSecond).toBeGreaterThan(0);
    expect(t.timing!.tokensPerSecond).toBeGreaterThan(0);
    expect(t.runtime).toMatchObject({ backend: 'cpu', gpuLayers: 0, nodeLlamaCppVersion: '3.21.1', chatWrapper: expect.any(String) });
    expect(t.runtime!.threads).toBe(1); // a 350 KB model: one thread is fastest (FACTS.md)
    expect(t.runtime!.contextSize).toBeGreaterThan(0);
    expect(t.runtime!.llamaCppVersion).toMatch(/\S/);
    expect(t.loras).toEqual([]);
    expect(t.spans.map((s) => s.name)).toEqual(expect.arrayContaining(['pre_checks', 'queue', 'generation', 'post_checks']));
    const gen = t.spans.find((s) => s.name === 'generation')!;
    expect(gen.attributes['gen_ai.usage.output_tokens']).toBe(res.usage.outputTokens);
    expect(t.resources!.samples).toBeGreaterThanOrEqual(2);
    expect(t.resources!.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(t.endedAt).not.toBeNull();
  });

  it('records a model_load span when a run loads its model', async () => {
    const first = await run({ model: 'noise', prompt: 'a', params: { maxTokens: 2 } });
    const second = await run({ model: 'noise', prompt: 'b', params: { maxTokens: 2 } });
    const names = async (id: string) => (await trace(id)).spans.map((s) => s.name);
    // The JSON-schema test may have loaded it already; the second run never loads it.
    expect(await names(second.traceId)).not.toContain('model_load');
    expect(first.traceId).not.toBe(second.traceId);
  });

  it('cancellation keeps the partial output with finish reason abort', async () => {
    const streamId = 'runtime-abort-1';
    let seen = 0;
    const res = (await call('runs.create', { model: 'noise', prompt: 'go', params: { maxTokens: 2000 }, streamId }, (e) => {
      if (e.type === 'run.token' && ++seen === 20) fx.ws.runs.cancel(streamId, fx.admin);
    })) as RunResult;
    expect(res.finishReason).toBe('abort');
    const t = await trace(res.traceId);
    expect(t.status).toBe('aborted');
    expect(t.finishReason).toBe('abort');
    expect(t.output.length).toBeGreaterThan(0);
    expect(t.output).toBe(res.output);
    expect(t.usage!.outputTokens).toBeLessThan(2000);
  });

  it('samples resources about every 250 ms while generating; the aggregates match the rows', async () => {
    const res = await run({ model: 'noise', prompt: 'long', params: { maxTokens: 600 } });
    const t = await trace(res.traceId);
    const rows = fx.ws.samples.forTrace(res.traceId);
    // How many samples to expect follows from how long the run took on this
    // machine (no speed assumption): one every ~250 ms, give or take one.
    expect(rows.length).toBeGreaterThanOrEqual(Math.max(1, Math.floor(res.timing.totalMs / 250) - 1));
    const gaps = rows.slice(1).map((r, i) => Date.parse(r.at) - Date.parse(rows[i]!.at));
    for (const gap of gaps) expect(gap).toBeLessThan(2500); // idle sampling is every 5 s
    expect(t.resources!.samples).toBe(rows.length);
    expect(t.resources!.peakRssBytes).toBe(Math.max(...rows.map((r) => r.rssBytes)));
    const cpu = rows.map((r) => r.cpuPercent).filter((c): c is number => c !== null);
    expect(t.resources!.meanCpuPercent).toBeCloseTo(cpu.reduce((a, b) => a + b, 0) / cpu.length, 6);
    expect(t.resources!.meanCpuPercent).toBeGreaterThan(0);
    const at = rows.map((r) => Date.parse(r.at));
    expect(at[0]).toBeGreaterThanOrEqual(Date.parse(t.startedAt));
    expect(at.at(-1)).toBeLessThanOrEqual(Date.parse(t.endedAt!));
  });

  it('queues concurrent runs in order and answers BUSY past the bound', async () => {
    const before = process.env.TRIAD_RUN_QUEUE;
    process.env.TRIAD_RUN_QUEUE = '1';
    const { openWorkspace } = await import('../../electron/core/workspace');
    const ws = openWorkspace({ home: fx.home });
    process.env.TRIAD_RUN_QUEUE = before;
    try {
      const req = (streamId: string) => ({
        user: fx.admin,
        source: 'cli' as const,
        model: 'noise',
        prompt: 'x',
        params: { maxTokens: 4000 },
        streamId,
      });
      const first = ws.runs.run(req('busy-first-1'));
      const second = ws.runs.run(req('busy-second'));
      await new Promise((r) => setTimeout(r, 200));
      await expect(ws.runs.run(req('busy-third-1'))).rejects.toMatchObject({ code: 'BUSY' });
      ws.runs.cancel('busy-first-1', fx.admin);
      ws.runs.cancel('busy-second', fx.admin);
      const [a, b] = await Promise.all([first, second]);
      expect(a.finishReason).toBe('abort');
      expect(b.finishReason).toBe('abort');
    } finally {
      await ws.close();
    }
  });

  it('keeps loaded models within the memory budget, unloading the least recently used', async () => {
    const v1 = fx.ws.models.resolve('demo-assistant@1');
    const v2 = fx.ws.models.resolve('demo-assistant@2');
    const gen = (engine: LlamaEngine, v: typeof v1) =>
      engine.generate({
        modelKey: v.sha256,
        modelPath: v.path,
        prompt: 'Hi',
        params: { mode: 'completion', temperature: 0, topK: 40, topP: 0.95, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: 4, stop: [] },
        signal: new AbortController().signal,
        onToken: () => undefined,
      });
    const tight = new LlamaEngine({ gpu: 'cpu', memoryBudgetBytes: 1 });
    const roomy = new LlamaEngine({ gpu: 'cpu', memoryBudgetBytes: 1024 ** 3 });
    try {
      await gen(tight, v1);
      expect((await gen(tight, v2)).loadMs).not.toBeNull();
      expect(tight.loadedModels()).toEqual([v2.sha256]);
      expect((await gen(tight, v1)).loadMs).not.toBeNull();
      await gen(roomy, v1);
      await gen(roomy, v2);
      expect(roomy.loadedModels().sort()).toEqual([v1.sha256, v2.sha256].sort());
      expect((await gen(roomy, v1)).loadMs).toBeNull();
    } finally {
      await tight.dispose();
      await roomy.dispose();
    }
  });
});
