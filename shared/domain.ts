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
  minP: z.number().min(0).max(1).default(0),
  /** 1 turns the penalty off; it is off by default so greedy runs reproduce the model's own choice. */
  repeatPenalty: z.number().min(1).max(2).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  maxTokens: z.number().int().min(1).max(32_768).default(256),
  /** Generation stops before any of these strings; the string itself is not part of the output. */
  stop: z.array(z.string().min(1, 'A stop string cannot be empty').max(200)).max(16).default([]),
  /** A JSON schema the output must satisfy; llama.cpp constrains sampling with a grammar built from it. */
  jsonSchema: z.record(z.string(), z.unknown()).optional(),
  /** LoRA adapters applied for this run: NAME (newest bound to the model), NAME@VERSION or sha256:HEX, with a scale. */
  adapters: z
    .array(z.object({ ref: z.string().trim().min(1).max(300), scale: z.number().min(-4).max(4).default(1) }))
    .max(8)
    .optional(),
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
  /** Generation speed: output tokens after the first, per second. */
  tokensPerSecond: z.number().nullable(),
  /** Prompt processing speed: input tokens per second until the first output token. */
  promptTokensPerSecond: z.number().nullable(),
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
  flags: z.array(z.string()),
  /** When retention purged the input and output (the ledger keeps their commitments); null while kept. */
  purgedAt: z.string().nullable().optional(),
});
export type TraceSummary = z.infer<typeof TraceSummarySchema>;

export const ChatMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const BACKENDS = ['cpu', 'cuda', 'vulkan', 'metal'] as const;

/** Where and how llama.cpp ran: enough to explain a difference between two runs. */
export const RuntimeInfoSchema = z.object({
  backend: z.enum(BACKENDS),
  gpuLayers: z.number().int().nullable(),
  threads: z.number().int().nullable(),
  contextSize: z.number().int().nullable(),
  nodeLlamaCppVersion: z.string().nullable(),
  llamaCppVersion: z.string().nullable(),
  chatWrapper: z.string().nullable(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfoSchema>;

/** Aggregates over the resource samples taken while the run generated. */
export const TraceResourcesSchema = z.object({
  peakRssBytes: z.number().nullable(),
  peakVramBytes: z.number().nullable(),
  meanCpuPercent: z.number().nullable(),
  samples: z.number().int(),
});

export const SPAN_NAMES = ['pre_checks', 'queue', 'model_load', 'generation', 'post_checks'] as const;
export const SpanSchema = z.object({
  id: z.string(),
  name: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  status: z.enum(['ok', 'error']),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Span = z.infer<typeof SpanSchema>;

/** The saved prompt version a run was rendered from, and the messages it rendered to. */
export const TracePromptSchema = z.object({
  versionId: z.string(),
  name: z.string(),
  version: z.number().int(),
  hash: z.string(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
});
export type TracePrompt = z.infer<typeof TracePromptSchema>;

/** A LoRA adapter a run applied: exactly which bytes, at which scale. */
export const TraceLoraSchema = z.object({ name: z.string(), version: z.number().int(), sha256: z.string(), scale: z.number() });
export type TraceLora = z.infer<typeof TraceLoraSchema>;

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
  /** Messages as the model received them (chat mode); null for raw completions. */
  inputMessages: z.array(ChatMessageSchema).nullable(),
  loras: z.array(TraceLoraSchema),
  runtime: RuntimeInfoSchema.nullable(),
  resources: TraceResourcesSchema.nullable(),
  spans: z.array(SpanSchema),
  /** Markers set by checks (e.g. a policy detector); free-form, filterable. */
  flags: z.array(z.string()),
  /** The trace this run replayed, when it was a replay. */
  replayOf: z.string().nullable(),
  /** The prompt version this run was rendered from (runs by reference only). */
  prompt: TracePromptSchema.nullable().optional(),
  /** When retention purged the input and output (the ledger keeps their commitments); null while kept. */
  purgedAt: z.string().nullable().optional(),
});
export type Trace = z.infer<typeof TraceSchema>;

/** One reading of the resource sampler (observe/resourceSampler.ts). */
export const ResourceSampleSchema = z.object({
  at: z.string(),
  cpuPercent: z.number().nullable(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  systemFreeBytes: z.number(),
  vramUsedBytes: z.number().nullable(),
  vramTotalBytes: z.number().nullable(),
  swapUsedBytes: z.number().nullable(),
});
export type ResourceSample = z.infer<typeof ResourceSampleSchema>;

export const DiffPartSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPartSchema>;

export const ReplayResultSchema = z.object({
  traceId: z.string(),
  replayTraceId: z.string(),
  identical: z.boolean(),
  /** Original output → replay output, word by word. */
  diff: z.array(DiffPartSchema),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

export const WorkspaceInfoSchema = z.object({
  home: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  models: z.number().int(),
  traces: z.number().int(),
  users: z.number().int(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
