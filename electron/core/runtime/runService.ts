import { randomInt, randomUUID } from 'node:crypto';
import { RunParamsSchema, type RecordedParams, type RunParams, type RunResult, type Source, type Span, type TracePrompt, type User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import type { ModelRegistry } from '../models/registry';
import type { ResourceSampler } from '../observe/resourceSampler';
import type { SampleAggregates } from '../observe/sampleStore';
import type { TraceStore } from '../traces/traceStore';
import type { ChatTurn, Engine, EngineAdapter, GenerateResult } from './generation';
import { RunQueue } from './runQueue';
import { inputMessages, jsonPostCheck, SpanTimer } from './spans';

/** How often streamed output is saved to the running trace, so a crash keeps it. */
const FLUSH_EVERY_MS = 250;

export interface RunRequest {
  user: User;
  source: Source;
  model: string;
  prompt: string;
  /** Earlier user/assistant turns (a multi-turn prompt); chat mode only. `prompt` is the last user message. */
  history?: ChatTurn[] | undefined;
  params: Partial<RunParams>;
  streamId?: string | undefined;
  emit?: (event: TriadEvent) => void;
  /** The saved prompt version this run was rendered from (a run by reference); recorded on the trace. */
  promptLink?: TracePrompt | undefined;
  /** Set when this run replays a recorded trace. */
  replayOf?: string | undefined;
}

export interface RunServiceOptions {
  sampler?: ResourceSampler | null;
  /** Runs that may wait behind the one generating before callers get BUSY. */
  maxQueued?: number;
}

/**
 * A run, end to end: resolve the model, check its file, fix the seed so the run
 * can be replayed, record the trace before generating, stream tokens (saving
 * them to the trace as they come), sample resources while it generates, and
 * finalise the trace with spans and aggregates.
 */
export class RunService {
  private readonly queue: RunQueue;
  private readonly sampler: ResourceSampler | null;
  private readonly active = new Map<string, { controller: AbortController; userId: string }>();

  constructor(
    private readonly models: ModelRegistry,
    private readonly traces: TraceStore,
    private readonly engine: Engine,
    options: RunServiceOptions = {},
  ) {
    this.queue = new RunQueue(options.maxQueued ?? 16);
    this.sampler = options.sampler ?? null;
  }

  /** The runtime.runQueue setting changed: applies to the next run. */
  setMaxQueued(n: number): void {
    this.queue.setMaxWaiting(n);
  }

  async run(req: RunRequest): Promise<RunResult> {
    if (req.prompt.trim().length === 0) {
      throw new TriadError('BAD_INPUT', 'The prompt is empty: write something for the model to answer.');
    }
    const preChecks = new SpanTimer('pre_checks');
    const model = this.models.resolve(req.model);
    const parsed = RunParamsSchema.parse(req.params);
    const params: RecordedParams = { ...parsed, seed: parsed.seed ?? randomInt(0, 2 ** 31 - 1) };
    const history = req.history ?? [];
    if (history.length > 0 && params.mode !== 'chat') {
      throw new TriadError('BAD_INPUT', 'A conversation with earlier turns runs in chat mode only.', 'Run it with mode chat, or use a prompt with a single user message for completion mode.');
    }
    const controller = new AbortController();
    const streamId = req.streamId;
    if (streamId) {
      if (this.active.has(streamId)) throw new TriadError('BAD_INPUT', `Stream id "${streamId}" is already in use.`);
      this.active.set(streamId, { controller, userId: req.user.id });
    }
    const emit = (event: TriadEvent): void => req.emit?.(event);
    try {
      await this.models.checkIntegrity(model);
      // LoRA adapters: resolved, bound to this model's bytes and checked on disk before anything runs.
      const adapters = await this.models.adapters.forRun(params.adapters ?? [], model);
      // Recorded as NAME@VERSION: adapter versions are immutable and bound to one sha256 (checked on
      // disk before every load), so a replay applies the same bytes. A bare sha256 would be ambiguous
      // when the same bytes are registered under two names.
      if (adapters.length > 0) params.adapters = adapters.map((a) => ({ ref: `${a.adapter.name}@${a.adapter.version}`, scale: a.scale }));
      // Before the trace is written: a refused run leaves nothing behind. No await from here to enqueue.
      this.queue.assertCapacity();
      const spans: Span[] = [preChecks.end('ok', { 'triad.model.sha256': model.sha256, 'triad.check': 'model_integrity' })];
      const traceId = randomUUID();
      this.traces.start({
        id: traceId,
        userId: req.user.id,
        username: req.user.username,
        source: req.source,
        model,
        input: req.prompt,
        params,
        inputMessages: inputMessages(req.prompt, params, history),
        replayOf: req.replayOf ?? null,
        loras: adapters.map((a) => ({ name: a.adapter.name, version: a.adapter.version, sha256: a.adapter.sha256, scale: a.scale })),
      });
      if (req.promptLink) this.traces.linkPrompt(traceId, req.promptLink);
      if (streamId) emit({ type: 'run.started', streamId, traceId });
      let partial = '';
      let resources: SampleAggregates | null = null;
      try {
        const result = await this.generate(traceId, model.sha256, model.path, { prompt: req.prompt, history, adapters: adapters.map((a) => ({ key: a.adapter.sha256, path: a.adapter.path, scale: a.scale })) }, params, controller.signal, spans, (text) => {
          partial += text;
          if (streamId) emit({ type: 'run.token', streamId, text });
        }, (r) => (resources = r));
        const post = new SpanTimer('post_checks');
        const json = jsonPostCheck(result.output, params);
        spans.push(post.end(json === null || json.ok ? 'ok' : 'error', json === null ? {} : { 'triad.check': 'json_schema', 'triad.check.passed': json.ok }));
        this.traces.finish(traceId, result, { spans, resources, flags: json?.flags ?? [] });
        if (streamId) emit({ type: 'run.finished', streamId, traceId, finishReason: result.finishReason });
        return {
          traceId,
          output: result.output,
          finishReason: result.finishReason,
          model: { name: model.name, version: model.version, sha256: model.sha256 },
          usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens },
          timing: {
            ttftMs: result.ttftMs,
            totalMs: result.totalMs,
            tokensPerSecond: result.tokensPerSecond,
            promptTokensPerSecond: result.promptTokensPerSecond,
          },
        };
      } catch (err) {
        const error = err instanceof TriadError ? err : new TriadError('RUN_FAILED', `The run failed: ${(err as Error).message}`);
        this.traces.fail(traceId, partial, { code: error.code, message: error.message }, { spans, resources, flags: [] });
        if (streamId) emit({ type: 'run.finished', streamId, traceId, finishReason: 'error' });
        throw error;
      }
    } finally {
      if (streamId) this.active.delete(streamId);
    }
  }

  /** Waits its turn, then generates with the sampler on and the output saved as it streams. */
  private generate(
    traceId: string,
    modelKey: string,
    modelPath: string,
    input: { prompt: string; history: ChatTurn[]; adapters: EngineAdapter[] },
    params: RecordedParams,
    signal: AbortSignal,
    spans: Span[],
    onToken: (text: string) => void,
    onResources: (r: SampleAggregates) => void,
  ): Promise<GenerateResult> {
    const queued = new SpanTimer('queue');
    return this.queue.enqueue(async () => {
      spans.push(queued.end('ok', { 'triad.queue.waiting': this.queue.pending }));
      const load = new SpanTimer('model_load');
      let generation: SpanTimer | null = null;
      let output = '';
      let lastFlush = performance.now();
      await this.sampler?.beginRun(traceId);
      try {
        const result = await this.engine.generate({
          modelKey,
          modelPath,
          prompt: input.prompt,
          history: input.history,
          adapters: input.adapters,
          params,
          signal,
          onGenerationStart: (modelLoaded) => {
            // A model that was already loaded took no loading time worth a span.
            if (modelLoaded) spans.push(load.end('ok', { 'gen_ai.request.model': modelKey }));
            generation = new SpanTimer('generation');
          },
          onToken: (text) => {
            output += text;
            onToken(text);
            const now = performance.now();
            if (now - lastFlush >= FLUSH_EVERY_MS) {
              lastFlush = now;
              this.traces.flushOutput(traceId, output);
            }
          },
        });
        const gen = generation as SpanTimer | null;
        if (gen) {
          spans.push(
            gen.end('ok', {
              'gen_ai.operation.name': params.mode === 'chat' ? 'chat' : 'text_completion',
              'gen_ai.usage.input_tokens': result.inputTokens,
              'gen_ai.usage.output_tokens': result.outputTokens,
              'gen_ai.response.finish_reasons': result.finishReason,
            }),
          );
        }
        return result;
      } catch (err) {
        const gen = generation as SpanTimer | null;
        if (gen) spans.push(gen.end('error', { 'error.type': err instanceof TriadError ? err.code : 'RUN_FAILED' }));
        throw err;
      } finally {
        if (this.sampler) onResources(await this.sampler.endRun(traceId));
      }
    });
  }

  /** Stops a run started by the same user; its partial output is kept on the trace. */
  cancel(streamId: string, user: User): boolean {
    const run = this.active.get(streamId);
    if (!run || (run.userId !== user.id && user.role !== 'admin')) return false;
    run.controller.abort();
    return true;
  }
}
