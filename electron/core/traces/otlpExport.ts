import { createHash } from 'node:crypto';
import type { Trace } from '../../../shared/domain';
import { APP_VERSION } from '../version';
import { genAiAttributes, type AttrValue } from './genAiAttributes';

type OtlpValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: OtlpValue[] } };

function otlpValue(v: Exclude<AttrValue, null>): OtlpValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: v };
}

function otlpAttributes(attrs: Record<string, AttrValue>): { key: string; value: OtlpValue }[] {
  return Object.entries(attrs).flatMap(([key, v]) => (v === null ? [] : [{ key, value: otlpValue(v) }]));
}

/** OTLP ids are hex: a trace id of 16 bytes, span ids of 8, derived stably from Triad's UUIDs. */
const hex16 = (id: string): string => id.replaceAll('-', '').toLowerCase().padEnd(32, '0').slice(0, 32);
const spanIdOf = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 16);
const nanos = (iso: string, plusMs = 0): string => (BigInt(Date.parse(iso)) * 1_000_000n + BigInt(Math.round(plusMs * 1e6))).toString();

const STATUS_OK = 1;
const STATUS_ERROR = 2;
const KIND_INTERNAL = 1;

/** One OTLP root span per trace (the model call) with its spans (pre-checks, generation, …) as children. */
function traceSpans(t: Trace): unknown[] {
  const traceId = hex16(t.id);
  const rootId = spanIdOf(t.id);
  const failed = t.status === 'error' || t.status === 'interrupted';
  const root = {
    traceId,
    spanId: rootId,
    name: `${t.params.mode === 'chat' ? 'chat' : 'text_completion'} ${t.model.name}@${t.model.version}`,
    kind: KIND_INTERNAL,
    startTimeUnixNano: nanos(t.startedAt),
    endTimeUnixNano: nanos(t.endedAt ?? t.startedAt),
    attributes: otlpAttributes(genAiAttributes(t)),
    status: failed ? { code: STATUS_ERROR, message: t.error?.message ?? t.status } : { code: STATUS_OK },
  };
  const children = t.spans.map((s) => ({
    traceId,
    spanId: spanIdOf(s.id),
    parentSpanId: rootId,
    name: s.name,
    kind: KIND_INTERNAL,
    startTimeUnixNano: nanos(s.startedAt),
    endTimeUnixNano: nanos(s.startedAt, s.durationMs),
    attributes: otlpAttributes(s.attributes),
    status: { code: s.status === 'ok' ? STATUS_OK : STATUS_ERROR },
  }));
  return [root, ...children];
}

/** An OTLP/JSON ExportTraceServiceRequest, as an OpenTelemetry collector's file receiver reads it. */
export function toOtlpJson(traces: Trace[]): string {
  const doc = {
    resourceSpans: [
      {
        resource: { attributes: otlpAttributes({ 'service.name': 'triad', 'service.version': APP_VERSION }) },
        scopeSpans: [{ scope: { name: 'triad.traces', version: APP_VERSION }, spans: traces.flatMap(traceSpans) }],
      },
    ],
  };
  return `${JSON.stringify(doc)}\n`;
}

/** One complete trace record per line, with its gen_ai.* attributes alongside. */
export function toJsonLines(traces: Trace[]): string {
  return traces.map((t) => `${JSON.stringify({ ...t, attributes: genAiAttributes(t) })}\n`).join('');
}
