import { z } from 'zod';
import { ReplayResultSchema, ResourceSampleSchema, SourceSchema, TRACE_STATUSES, TraceSchema, TraceSummarySchema } from '../domain';
import { method } from './method';

const ISO_TIME = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Use an ISO-8601 time, e.g. 2025-01-31T09:00:00Z');

/** Filters shared by the explorer, `triad traces list` and exports. */
export const TraceFilterSchema = z.object({
  model: z.string().max(200).optional(),
  prompt: z.string().max(200).optional(),
  user: z.string().max(64).optional(),
  source: SourceSchema.optional(),
  status: z.enum(TRACE_STATUSES).optional(),
  flag: z.string().max(64).optional(),
  from: ISO_TIME.optional(),
  to: ISO_TIME.optional(),
  /** Words that must all occur in the input or output (SQLite FTS5, prefix match). */
  search: z.string().max(500).optional(),
});
export type TraceFilterInput = z.input<typeof TraceFilterSchema>;

export const EXPORT_FORMATS = ['otlp', 'jsonl'] as const;

export const tracesMethods = {
  'traces.list': method({
    summary: 'Recorded runs, newest first, filtered and searched',
    access: 'traces.read',
    input: TraceFilterSchema.extend({
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.array(TraceSummarySchema),
  }),
  'traces.get': method({
    summary: 'One recorded run in full, with its spans and resource aggregates',
    access: 'traces.read',
    input: z.object({ id: z.string().min(1) }),
    output: TraceSchema,
  }),
  'traces.resources': method({
    summary: 'The resource samples taken while a run generated',
    access: 'traces.read',
    input: z.object({ id: z.string().min(1) }),
    output: z.array(ResourceSampleSchema),
  }),
  'traces.replay': method({
    summary: 'Re-run a trace with the same model hash, parameters and seed, and diff the outputs',
    access: 'runs.create',
    input: z.object({ id: z.string().min(1) }),
    output: ReplayResultSchema,
  }),
  'traces.export': method({
    summary: 'Traces as OTLP JSON (gen_ai.* attributes) or JSON Lines',
    access: 'traces.read',
    input: TraceFilterSchema.extend({
      format: z.enum(EXPORT_FORMATS),
      limit: z.number().int().min(1).max(100_000).default(10_000),
    }),
    output: z.object({ format: z.enum(EXPORT_FORMATS), count: z.number().int(), content: z.string() }),
  }),
};
