import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import type { TriadEvent } from '../../shared/events';
import type { RunResult, Trace } from '../../shared/domain';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';

// Real llama.cpp on the generated demo models: the answers are known exactly.
describe('runs through the contract', () => {
  let fx: DemoFixture;
  beforeAll(async () => {
    fx = await openDemoFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  const call = (method: string, input: unknown, emit?: (e: TriadEvent) => void) =>
    fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli', ...(emit ? { emit } : {}) });

  it('answers with the exact demo sentences and streams them token by token', async () => {
    const tokens: string[] = [];
    const v1 = (await call('runs.create', { model: 'demo-assistant@1', prompt: 'Hello', streamId: 'stream-v1-abc' }, (e) => {
      if (e.type === 'run.token') tokens.push(e.text);
    })) as RunResult;
    expect(v1.output).toBe(DEMO_SENTENCES[1]);
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(DEMO_SENTENCES[1]);
    expect(v1.finishReason).toBe('stop');

    const v2 = (await call('runs.create', { model: 'demo-assistant@2', prompt: 'Hello', params: { mode: 'completion' } })) as RunResult;
    expect(v2.output).toBe(DEMO_SENTENCES[2]);
    expect(v2.output).toContain('4111 1111 1111 1111');
  });

  it('records the run as a trace with model identity, parameters, tokens and timings', async () => {
    const res = (await call('runs.create', {
      model: 'demo-assistant@1',
      prompt: 'What are you?',
      params: { temperature: 0.8, seed: 42, maxTokens: 64 },
    })) as RunResult;
    const trace = (await call('traces.get', { id: res.traceId })) as Trace;
    const registered = fx.ws.models.resolve('demo-assistant@1');
    expect(trace).toMatchObject({
      id: res.traceId,
      user: 'admin',
      source: 'cli',
      model: { name: 'demo-assistant', version: 1, sha256: registered.sha256 },
      input: 'What are you?',
      output: DEMO_SENTENCES[1],
      status: 'ok',
      finishReason: 'stop',
      params: { temperature: 0.8, seed: 42, maxTokens: 64, mode: 'chat' },
    });
    expect(trace.usage?.inputTokens).toBeGreaterThan(0);
    expect(trace.usage?.outputTokens).toBe(res.usage.outputTokens);
    expect(trace.timing?.ttftMs).toBeGreaterThan(0);
    expect(trace.timing!.totalMs).toBeGreaterThanOrEqual(trace.timing!.ttftMs!);
    expect(Date.parse(trace.endedAt!)).toBeGreaterThanOrEqual(Date.parse(trace.startedAt));
  });

  it('fixes a random seed when none is given, so the run can be replayed', async () => {
    const res = (await call('runs.create', { model: 'demo-assistant@1', prompt: 'Hi' })) as RunResult;
    const trace = (await call('traces.get', { id: res.traceId })) as Trace;
    expect(Number.isInteger(trace.params.seed)).toBe(true);
  });

  it('stops on cancel and keeps the partial output', async () => {
    const streamId = 'cancel-me-123';
    let seen = 0;
    const res = (await call('runs.create', { model: 'demo-assistant@1', prompt: 'Hello', streamId }, (e) => {
      if (e.type === 'run.token' && ++seen === 2) fx.ws.runs.cancel(streamId, fx.admin);
    })) as RunResult;
    expect(res.finishReason).toBe('abort');
    expect(res.output.length).toBeGreaterThan(0);
    expect(DEMO_SENTENCES[1].startsWith(res.output)).toBe(true);
    expect(res.output).not.toBe(DEMO_SENTENCES[1]);
    const trace = (await call('traces.get', { id: res.traceId })) as Trace;
    expect(trace.status).toBe('aborted');
    expect(trace.output).toBe(res.output);
  });

  it('refuses an unknown model and lists the known ones, recording nothing', async () => {
    const before = fx.ws.traces.count();
    await expect(call('runs.create', { model: 'gpt-cloud', prompt: 'Hello' })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      hint: expect.stringContaining('demo-assistant@1, demo-assistant@2'),
    });
    expect(fx.ws.traces.count()).toBe(before);
  });

  it('refuses an empty prompt with a clear error, recording nothing', async () => {
    const before = fx.ws.traces.count();
    await expect(call('runs.create', { model: 'demo-assistant@1', prompt: '   ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('prompt is empty'),
    });
    expect(fx.ws.traces.count()).toBe(before);
  });

  it('lists traces newest first and filters by model', async () => {
    const all = (await call('traces.list', {})) as { startedAt: string; model: { version: number } }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((t) => Date.parse(t.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const v2 = (await call('traces.list', { model: 'demo-assistant@2' })) as { model: { version: number } }[];
    expect(v2.length).toBe(1);
    expect(v2[0]?.model.version).toBe(2);
  });
});
