import { z } from 'zod';
import { ModelSummarySchema, ModelVersionSchema } from '../domain';
import { AdapterVersionSchema } from './adapters';
import { STREAM_ID } from './fields';
import { method } from './method';

/** The lifecycle every model version goes through; approval needs a second person. */
export const MODEL_STAGES = ['draft', 'candidate', 'approved', 'retired'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** Moves the lifecycle allows, from each stage. */
export const STAGE_TRANSITIONS: Record<ModelStage, readonly ModelStage[]> = {
  draft: ['candidate', 'retired'],
  candidate: ['approved', 'draft', 'retired'],
  approved: ['retired'],
  retired: [],
};

export const RISK_TIERS = ['unassessed', 'low', 'medium', 'high'] as const;

/** Upload chunks travel as base64 in one JSON call; 1 MiB keeps each call under the server's body limit. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export const MODEL_NAME = z
  .string()
  .trim()
  .min(1, 'Give the model a name')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A model name uses letters, digits, dot, dash or underscore (no @ or spaces)');

export const LABEL_NAME = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'A label is lower-case letters, digits, dash or underscore, starting with a letter');

const REASON = z.string().trim().min(1, 'Say why (a reason is recorded with every change)').max(2000);
const MODEL_REF = z.string().trim().min(1, 'Name a model: NAME, NAME@VERSION, NAME@LABEL or sha256:HEX').max(300);

export const ModelMetadataSchema = z.object({
  architecture: z.string(),
  generalName: z.string(),
  parameterCount: z.number().nullable(),
  fileType: z.string(),
  quantization: z.string(),
  contextLength: z.number().int(),
  embeddingLength: z.number().int(),
  blockCount: z.number().int(),
  headCount: z.number().int().nullable(),
  headCountKv: z.number().int().nullable(),
  feedForwardLength: z.number().int().nullable(),
  vocabSize: z.number().int().nullable(),
  tensorCount: z.number().int(),
  tokenizer: z.string().nullable(),
  chatTemplate: z.string().nullable(),
  /** The author, license and source fields the file carries (general.*), as written there. */
  provenance: z.record(z.string(), z.string()),
  /** Estimated memory to run it fully in RAM or VRAM at its full context length (f16 KV cache). */
  memory: z.object({ weightsBytes: z.number(), kvCacheBytes: z.number(), totalBytes: z.number(), atContext: z.number().int() }),
});
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

export const ModelCardFieldsSchema = z.object({
  intendedUse: z.string().max(10_000),
  limitations: z.string().max(10_000),
  owner: z.string().max(200),
  riskTier: z.enum(RISK_TIERS),
  /** Links to evaluation evidence: eval run ids, report paths, ticket numbers. */
  evaluationEvidence: z.array(z.string().trim().min(1).max(500)).max(50),
});
export const ModelCardSchema = ModelCardFieldsSchema.extend({ updatedAt: z.string().nullable(), updatedBy: z.string().nullable() });
export type ModelCard = z.infer<typeof ModelCardSchema>;

export const StageEventSchema = z.object({
  fromStage: z.string(),
  toStage: z.string(),
  reason: z.string(),
  at: z.string(),
  actor: z.string(),
});

export const LabelStateSchema = z.object({ label: z.string(), version: z.number().int(), updatedAt: z.string() });
export type LabelState = z.infer<typeof LabelStateSchema>;

export const LabelEventSchema = z.object({
  label: z.string(),
  kind: z.enum(['set', 'rollback']),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  reason: z.string(),
  at: z.string(),
  actor: z.string(),
});
export type LabelEvent = z.infer<typeof LabelEventSchema>;

export const ModelVersionDetailSchema = ModelVersionSchema.extend({
  storage: z.enum(['copy', 'link']),
  metadata: ModelMetadataSchema.nullable(),
  card: ModelCardSchema,
  labels: z.array(z.string()),
  stageEvents: z.array(StageEventSchema),
  verifiedAt: z.string().nullable(),
  /** LoRA adapters bound to this version. */
  adapters: z.array(AdapterVersionSchema).optional(),
});
export type ModelVersionDetail = z.infer<typeof ModelVersionDetailSchema>;

export const ModelDetailSchema = z.object({
  name: z.string(),
  versions: z.array(ModelVersionDetailSchema),
  labels: z.array(LabelStateSchema),
  labelHistory: z.array(LabelEventSchema),
  /** What a bare `NAME` runs now, and why. */
  resolves: z.object({ version: z.number().int(), via: z.enum(['production', 'approved', 'newest']) }).nullable(),
});
export type ModelDetail = z.infer<typeof ModelDetailSchema>;

export const ModelListEntrySchema = ModelSummarySchema.extend({ labels: z.array(LabelStateSchema) });

export const ImportResultSchema = z.object({
  version: ModelVersionSchema,
  metadata: ModelMetadataSchema,
  /** True when these bytes were already registered under this name: nothing new was added. */
  duplicate: z.boolean(),
  /** Other registered versions with the same bytes (under other names). */
  sameBytesAs: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const VerifyResultSchema = z.object({
  ref: z.string(),
  sha256: z.string(),
  ok: z.boolean(),
  message: z.string(),
});

const JOB_ID = STREAM_ID;

export const modelsMethods = {
  'models.list': method({
    summary: 'Registered models with their versions and labels',
    access: 'models.read',
    input: z.object({}),
    output: z.array(ModelListEntrySchema),
  }),
  'models.get': method({
    summary: 'One model version by reference (NAME, NAME@VERSION, NAME@LABEL or sha256:HEX)',
    access: 'models.read',
    input: z.object({ ref: MODEL_REF }),
    output: ModelVersionSchema,
  }),
  'models.show': method({
    summary: 'One model in full: versions with metadata, cards and stage history; labels and their history',
    access: 'models.read',
    input: z.object({ name: z.string().trim().min(1) }),
    output: ModelDetailSchema,
  }),
  'models.import': method({
    summary: 'Register a GGUF file (a path on this machine, or a finished upload) as the next version of a model',
    access: 'models.write',
    input: z
      .object({
        path: z.string().trim().min(1).max(4096).optional(),
        uploadId: z.string().uuid().optional(),
        name: MODEL_NAME,
        notes: z.string().max(10_000).optional(),
        link: z.boolean().default(false),
        jobId: JOB_ID.optional(),
      })
      .refine((i) => (i.path === undefined) !== (i.uploadId === undefined), 'Give either a file path or an upload, not both')
      .refine((i) => !(i.link && i.uploadId !== undefined), 'An uploaded file cannot be linked in place; it is copied into the store'),
    output: ImportResultSchema,
  }),
  'models.uploadBegin': method({
    summary: 'Start uploading a GGUF file in chunks into the workspace (for importing from a browser)',
    access: 'models.write',
    input: z.object({ fileName: z.string().trim().min(1).max(255), sizeBytes: z.number().int().positive() }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  }),
  'models.uploadChunk': method({
    summary: 'Append one base64 chunk to an upload, at the offset received so far',
    access: 'models.write',
    input: z.object({
      uploadId: z.string().uuid(),
      offset: z.number().int().nonnegative(),
      data: z.string().min(1).max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    output: z.object({ received: z.number().int(), complete: z.boolean() }),
  }),
  'models.uploadDiscard': method({
    summary: 'Delete an unfinished or unused upload',
    access: 'models.write',
    input: z.object({ uploadId: z.string().uuid() }),
    output: z.object({ discarded: z.boolean() }),
  }),
  'models.cancelJob': method({
    summary: 'Cancel a running import or verification started by this user',
    access: 'models.write',
    input: z.object({ jobId: JOB_ID }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'models.setStage': method({
    summary: 'Move a version through draft → candidate → approved → retired (approving needs models.approve and may not be done by its creator)',
    access: 'models.read',
    input: z.object({ ref: MODEL_REF, stage: z.enum(MODEL_STAGES), reason: REASON }),
    output: ModelVersionSchema,
  }),
  'models.setLabel': method({
    summary: 'Point a label at a version (production needs models.approve); the move is kept in the label history',
    access: 'models.read',
    input: z.object({ name: MODEL_NAME, label: LABEL_NAME, version: z.number().int().positive(), reason: REASON }),
    output: LabelEventSchema,
  }),
  'models.rollback': method({
    summary: 'Move a label back to the version it pointed at before',
    access: 'models.read',
    input: z.object({ name: MODEL_NAME, label: LABEL_NAME, reason: REASON }),
    output: LabelEventSchema,
  }),
  'models.verify': method({
    summary: 'Re-hash model files and compare them with their registered sha256 (all versions when no ref is given)',
    access: 'models.read',
    input: z.object({ ref: MODEL_REF.optional(), jobId: JOB_ID.optional() }),
    output: z.array(VerifyResultSchema),
  }),
  'models.setCard': method({
    summary: "Write a version's model card: intended use, limitations, owner, risk tier, evaluation evidence",
    access: 'models.write',
    input: z.object({ ref: MODEL_REF, card: ModelCardFieldsSchema }),
    output: ModelCardSchema,
  }),
};
