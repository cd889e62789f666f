/**
 * Domain records as they cross the contract. Times are ISO-8601 strings so they
 * read the same in JSON from the CLI, HTTP and IPC.
 */
import { z } from 'zod';
import { ROLES } from './permissions';

export const RoleSchema = z.enum(ROLES);

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const SOURCES = ['app', 'browser', 'cli', 'api', 'eval'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

export const ModelVersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  sha256: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  architecture: z.string(),
  parameterCount: z.number().nullable(),
  contextLength: z.number().int().nullable(),
  fileType: z.string().nullable(),
  stage: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;

export const ModelSummarySchema = z.object({
  name: z.string(),
  versions: z.array(ModelVersionSchema),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const RUN_MODES = ['chat', 'completion'] as const;

export const RunParamsSchema = z.object({
  mode: z.enum(RUN_MODES).default('chat'),
  system: z.string().max(100_000).optional(),
  temperature: z.number().min(0).max(2).default(0),
  topK: z.number().int().min(0).max(1000).default(40),
  topP: z.number().min(0).max(1).default(0.95),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  maxTokens: z.number().int().min(1).max(32_768).default(256),
});
export type RunParams = z.output<typeof RunParamsSchema>;

/** Parameters as recorded: the seed is always fixed before a run so it can be replayed. */
export const RecordedParamsSchema = RunParamsSchema.extend({ seed: z.number().int() });
export type RecordedParams = z.output<typeof RecordedParamsSchema>;

export const FINISH_REASONS = ['stop', 'length', 'abort', 'error'] as const;
export const TRACE_STATUSES = ['running', 'ok', 'error', 'aborted', 'interrupted'] as const;

export const ModelRefSchema = z.object({ name: z.string(), version: z.number().int(), sha256: z.string() });

export const UsageSchema = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() });
export const TimingSchema = z.object({
  ttftMs: z.number().nullable(),
  totalMs: z.number(),
  tokensPerSecond: z.number().nullable(),
});

export const RunResultSchema = z.object({
  traceId: z.string(),
  output: z.string(),
  finishReason: z.enum(FINISH_REASONS),
  model: ModelRefSchema,
  usage: UsageSchema,
  timing: TimingSchema,
});
export type RunResult = z.infer<typeof RunResultSchema>;

export const TraceSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  user: z.string(),
  source: SourceSchema,
  model: ModelRefSchema,
  inputPreview: z.string(),
  outputPreview: z.string(),
  status: z.enum(TRACE_STATUSES),
  outputTokens: z.number().int().nullable(),
  totalMs: z.number().nullable(),
});
export type TraceSummary = z.infer<typeof TraceSummarySchema>;

export const TraceSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  user: z.string(),
  source: SourceSchema,
  model: ModelRefSchema,
  input: z.string(),
  output: z.string(),
  params: RecordedParamsSchema,
  status: z.enum(TRACE_STATUSES),
  finishReason: z.enum(FINISH_REASONS).nullable(),
  usage: UsageSchema.nullable(),
  timing: TimingSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type Trace = z.infer<typeof TraceSchema>;

export const WorkspaceInfoSchema = z.object({
  home: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  models: z.number().int(),
  traces: z.number().int(),
  users: z.number().int(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
