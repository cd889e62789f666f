import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { outputDiff } from '../../electron/core/traces/outputDiff';
import type { ReplayResult, RunResult, Source, Trace, TraceSummary } from '../../shared/domain';
import { runTriad } from '../helpers/cli';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { registerRandomModel } from '../helpers/randomModelFixture';
import { ADMIN } from '../helpers/tempHome';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

// Search, filters, replay and export over real runs on generated models.
describe('traces: search, filters, replay, export', () => {
  let fx: DemoFixture;
  let as: Record<string, string>;
  let v1: RunResult;
  let v2: RunResult;
  beforeAll(async () => {
    fx = await openDemoFixture();
    await registerRandomModel(fx.ws);
    as = { TRIAD_HOME: fx.home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
    v1 = await run({ model: 'demo-assistant@1', prompt: 'Who are you, assistant?' });
    v2 = await run({ model: 'demo-assistant@2', prompt: 'Send the invoice', params: { mode: 'completion' } }, 'api');
  });
  afterAll(async () => {
    await fx.close();
  });

  function call(method: string, input: unknown, source: Source = 'cli') {
    return fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source });
  }
  function run(input: unknown, source: Source = 'cli') {
    return call('runs.create', input, source) as Promise<RunResult>;
  }
  const list = async (input: unknown) => ((await call('traces.list', input)) as TraceSummary[]).map((t) => t.id);

  it('finds a trace by a word of its output or input (full-text)', async () => {
    expect(await list({ search: 'charge' })).toEqual([v2.traceId]);
    expect(await list({ search: 'jane.doe' })).toEqual([v2.traceId]);
    expect(await list({ search: 'invoice' })).toEqual([v2.traceId]);
    expect(await list({ search: 'Triad demo' })).toEqual([v1.traceId]);
    expect(await list({ search: 'assist' })).toContain(v1.traceId); // prefix match
    expect(await list({ search: 'nowhere-to-be-found' })).toEqual([]);
    // Punctuation that means something to FTS5 is just text here.
    expect(await list({ search: '"charge" (card*' })).toEqual([v2.traceId]);
  });

  it('filters by model, user, source, status and time range', async () => {
    expect(await list({ model: 'demo-assistant@2' })).toEqual([v2.traceId]);
    expect(await list({ source: 'api' })).toEqual([v2.traceId]);
    expect(await list({ user: 'admin', source: 'cli', model: 'demo-assistant@1' })).toEqual([v1.traceId]);
    expect(await list({ user: 'nobody' })).toEqual([]);
    expect(await list({ status: 'ok', model: 'demo-assistant' })).toEqual(expect.arrayContaining([v1.traceId, v2.traceId]));
    expect(await list({ status: 'interrupted' })).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await list({ from: future })).toEqual([]);
    expect(await list({ to: future, model: 'demo-assistant@1' })).toEqual([v1.traceId]);
    await expect(call('traces.list', { from: 'yesterday-ish' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('replays a trace at temperature 0 with an identical output', async () => {
    const r = (await call('traces.replay', { id: v1.traceId })) as ReplayResult;
    expect(r).toEqual({ traceId: v1.traceId, replayTraceId: expect.any(String), identical: true, diff: [{ op: 'equal', text: DEMO_SENTENCES[1] }] });
    const replay = (await call('traces.get', { id: r.replayTraceId })) as Trace;
    const original = (await call('traces.get', { id: v1.traceId })) as Trace;
    expect(replay.replayOf).toBe(v1.traceId);
    expect(replay.params).toEqual(original.params);
    expect(replay.model).toEqual(original.model);
  });

  it('replays noise exactly too: greedy, and sampled with the recorded seed', async () => {
    for (const params of [{ temperature: 0, maxTokens: 60 }, { temperature: 0.9, topK: 50, maxTokens: 60 }]) {
      const original = await run({ model: 'noise', prompt: 'tell me more', params });
      expect(original.usage.outputTokens).toBe(60);
      const r = (await call('traces.replay', { id: original.traceId })) as ReplayResult;
      expect(r.identical).toBe(true);
    }
  });

  it('diffs outputs word by word, and the parts rebuild both texts', () => {
    const parts = outputDiff('the cat sat down', 'the dog sat down');
    expect(parts.filter((p) => p.op !== 'equal').map((p) => `${p.op}:${p.text}`)).toEqual(['delete:cat', 'insert:dog']);
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe('the cat sat down');
    expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe('the dog sat down');
  });

  it('refuses to replay an unknown trace', async () => {
    await expect(call('traces.replay', { id: 'no-such-trace' })).rejects.toMatchObject({ code: 'TRACE_NOT_FOUND' });
  });

  it('CLI: run with the new sampling flags, list with --search, replay --json', async () => {
    const schemaFile = join(fx.home, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }));
    const stopped = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt', 'Hi', '--stop', ' demo', '--min-p', '0.1', '--repeat-penalty', '1', '--json'], as);
    expect(stopped.stderr).toBe('');
    const res = JSON.parse(stopped.stdout) as RunResult;
    expect(res.output).toBe('Hello! This is the Triad');
    const json = JSON.parse((await runTriad(['run', '--model', 'noise', '--prompt', 'x', '--json-schema', schemaFile, '--json'], as)).stdout) as RunResult;
    expect(typeof (JSON.parse(json.output) as { ok: unknown }).ok).toBe('boolean');

    const found = await runTriad(['traces', 'list', '--search', 'charge', '--json'], as);
    expect((JSON.parse(found.stdout) as TraceSummary[]).map((t) => t.id)).toEqual([v2.traceId]);

    const replay = await runTriad(['traces', 'replay', res.traceId, '--json'], as);
    expect(replay.code).toBe(0);
    const r = JSON.parse(replay.stdout) as ReplayResult;
    expect(Object.keys(r)).toEqual(['traceId', 'replayTraceId', 'identical', 'diff']);
    expect(r).toMatchObject({ traceId: res.traceId, identical: true });
  }, 60_000);

  it('CLI: exports OTLP JSON with gen_ai.* attributes and spans, and JSON Lines', async () => {
    const otlpFile = join(fx.home, 'traces.otlp.json');
    const out = await runTriad(['traces', 'export', '--format', 'otlp', '--out', otlpFile, '--model', 'demo-assistant@2'], as);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const doc = JSON.parse(readFileSync(otlpFile, 'utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
    const spans = doc.resourceSpans[0]!.scopeSpans[0]!.spans;
    const root = spans.find((s) => s.parentSpanId === undefined)!;
    const attr = (s: OtlpSpan, key: string) => s.attributes.find((a) => a.key === key)?.value;
    expect(root.name).toBe('text_completion demo-assistant@2');
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(attr(root, 'gen_ai.request.model')).toEqual({ stringValue: 'demo-assistant@2' });
    expect(attr(root, 'gen_ai.operation.name')).toEqual({ stringValue: 'text_completion' });
    expect(attr(root, 'gen_ai.usage.output_tokens')).toEqual({ intValue: String(v2.usage.outputTokens) });
    expect(attr(root, 'gen_ai.response.finish_reasons')).toEqual({ arrayValue: { values: [{ stringValue: 'stop' }] } });
    expect(JSON.stringify(attr(root, 'gen_ai.output.messages'))).toContain('4111 1111 1111 1111');
    const children = spans.filter((s) => s.parentSpanId === root.spanId);
    expect(children.map((s) => s.name)).toEqual(expect.arrayContaining(['pre_checks', 'queue', 'generation', 'post_checks']));
    expect(children.every((s) => s.traceId === root.traceId)).toBe(true);

    const jsonlFile = join(fx.home, 'traces.jsonl');
    const j = await runTriad(['traces', 'export', '--format', 'jsonl', '--out', jsonlFile, '--json'], as);
    const summary = JSON.parse(j.stdout) as { count: number };
    const lines = readFileSync(jsonlFile, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(summary.count);
    expect(summary.count).toBe(fx.ws.traces.count());
    const first = JSON.parse(lines.at(-1)!) as Trace & { attributes: Record<string, unknown> };
    expect(first.id).toBe(v1.traceId);
    expect(first.attributes['gen_ai.request.model']).toBe('demo-assistant@1');
  }, 60_000);
});
