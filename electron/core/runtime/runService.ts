import { randomInt, randomUUID } from 'node:crypto';
import { RunParamsSchema, type RecordedParams, type RunParams, type RunResult, type Source, type User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import type { ModelRegistry } from '../models/registry';
import type { TraceStore } from '../traces/traceStore';
import type { Engine } from './generation';
import { RunQueue } from './runQueue';

export interface RunRequest {
  user: User;
  source: Source;
  model: string;
  prompt: string;
  params: Partial<RunParams>;
  streamId?: string | undefined;
  emit?: (event: TriadEvent) => void;
}

/**
 * A run, end to end: resolve the model, check its file, fix the seed so the run
 * can be replayed, record the trace before generating, stream tokens, finalise.
 */
export class RunService {
  private readonly queue = new RunQueue();
  private readonly active = new Map<string, { controller: AbortController; userId: string }>();

  constructor(
    private readonly models: ModelRegistry,
    private readonly traces: TraceStore,
    private readonly engine: Engine,
  ) {}

  async run(req: RunRequest): Promise<RunResult> {
    if (req.prompt.trim().length === 0) {
      throw new TriadError('BAD_INPUT', 'The prompt is empty: write something for the model to answer.');
    }
    const model = this.models.resolve(req.model);
    const parsed = RunParamsSchema.parse(req.params);
    const params: RecordedParams = { ...parsed, seed: parsed.seed ?? randomInt(0, 2 ** 31 - 1) };
    const controller = new AbortController();
    const streamId = req.streamId;
    if (streamId) {
      if (this.active.has(streamId)) throw new TriadError('BAD_INPUT', `Stream id "${streamId}" is already in use.`);
      this.active.set(streamId, { controller, userId: req.user.id });
    }
    const emit = (event: TriadEvent): void => req.emit?.(event);
    try {
      await this.models.checkIntegrity(model);
      const traceId = randomUUID();
      this.traces.start({
        id: traceId,
        userId: req.user.id,
        username: req.user.username,
        source: req.source,
        model,
        input: req.prompt,
        params,
      });
      if (streamId) emit({ type: 'run.started', streamId, traceId });
      let partial = '';
      try {
        const result = await this.queue.enqueue(() =>
          this.engine.generate({
            modelKey: model.sha256,
            modelPath: model.path,
            prompt: req.prompt,
            params,
            signal: controller.signal,
            onToken: (text) => {
              partial += text;
              if (streamId) emit({ type: 'run.token', streamId, text });
            },
          }),
        );
        this.traces.finish(traceId, result);
        if (streamId) emit({ type: 'run.finished', streamId, traceId, finishReason: result.finishReason });
        return {
          traceId,
          output: result.output,
          finishReason: result.finishReason,
          model: { name: model.name, version: model.version, sha256: model.sha256 },
          usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens },
          timing: { ttftMs: result.ttftMs, totalMs: result.totalMs, tokensPerSecond: result.tokensPerSecond },
        };
      } catch (err) {
        const error = err instanceof TriadError ? err : new TriadError('RUN_FAILED', `The run failed: ${(err as Error).message}`);
        this.traces.fail(traceId, partial, { code: error.code, message: error.message });
        if (streamId) emit({ type: 'run.finished', streamId, traceId, finishReason: 'error' });
        throw error;
      }
    } finally {
      if (streamId) this.active.delete(streamId);
    }
  }

  /** Stops a run started by the same user; its partial output is kept on the trace. */
  cancel(streamId: string, user: User): boolean {
    const run = this.active.get(streamId);
    if (!run || (run.userId !== user.id && user.role !== 'admin')) return false;
    run.controller.abort();
    return true;
  }
}
