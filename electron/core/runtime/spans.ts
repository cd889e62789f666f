import { randomUUID } from 'node:crypto';
import type { ChatMessage, RecordedParams, Span } from '../../../shared/domain';
import { iso } from '../clock';

/** A span measured with the monotonic clock, dated with the wall clock at its start. */
export class SpanTimer {
  private readonly wallStart = Date.now();
  private readonly monoStart = performance.now();

  constructor(private readonly name: string) {}

  end(status: Span['status'] = 'ok', attributes: Span['attributes'] = {}): Span {
    return { id: randomUUID(), name: this.name, startedAt: iso(this.wallStart), durationMs: performance.now() - this.monoStart, status, attributes };
  }
}

/** The messages as the model receives them in chat mode (earlier turns included); a raw completion has none. */
export function inputMessages(prompt: string, params: RecordedParams, history: readonly ChatMessage[] = []): ChatMessage[] | null {
  if (params.mode !== 'chat') return null;
  return [...(params.system ? [{ role: 'system' as const, content: params.system }] : []), ...history, { role: 'user', content: prompt }];
}

/** Post-check: output constrained by a JSON schema must at least parse (a run cut off by max tokens will not). */
export function jsonPostCheck(output: string, params: RecordedParams): { flags: string[]; ok: boolean } | null {
  if (!params.jsonSchema) return null;
  try {
    JSON.parse(output);
    return { flags: [], ok: true };
  } catch {
    return { flags: ['json_invalid'], ok: false };
  }
}
