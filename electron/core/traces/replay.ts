import type { ReplayResult, Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { ModelRegistry } from '../models/registry';
import type { RunService } from '../runtime/runService';
import { outputDiff } from './outputDiff';
import type { TraceStore } from './traceStore';

/**
 * Re-runs a recorded trace: the same weights (by sha256, whatever name they
 * carry now), the same input, every parameter and the recorded seed. At
 * temperature 0 on the same backend the output must be identical; the diff
 * shows where it is not.
 */
export async function replayTrace(
  deps: { traces: TraceStore; models: ModelRegistry; runs: RunService },
  traceId: string,
  user: User,
  source: Source,
): Promise<ReplayResult> {
  const original = deps.traces.get(traceId);
  if (original.status === 'running') {
    throw new TriadError('BAD_INPUT', 'This trace is still running.', 'Replay it once it has finished.');
  }
  const model = deps.models.resolve(`sha256:${original.model.sha256}`);
  const result = await deps.runs.run({
    user,
    source,
    model: `sha256:${model.sha256}`,
    prompt: original.input,
    // A multi-turn run recorded its earlier turns between the system message and the last user message.
    history: (original.inputMessages ?? []).flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }])).slice(0, -1),
    params: original.params,
    replayOf: original.id,
  });
  return {
    traceId: original.id,
    replayTraceId: result.traceId,
    identical: result.output === original.output,
    diff: outputDiff(original.output, result.output),
  };
}
