import { z } from 'zod';
import { STREAM_ID } from './fields';
import { method } from './method';

/**
 * LoRA adapters: GGUF artifacts versioned under a name like models, each version
 * bound to the exact base model version (its sha256) it was validated against,
 * and applied at run time (runs.create params.adapters).
 */
export const ADAPTER_NAME = z
  .string()
  .trim()
  .min(1, 'Give the adapter a name')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'An adapter name uses letters, digits, dot, dash or underscore (no @ or spaces)');

const MODEL_REF = z.string().trim().min(1, 'Name the base model: NAME, NAME@VERSION, NAME@LABEL or sha256:HEX').max(300);

export const AdapterVersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  sha256: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  storage: z.enum(['copy', 'link']),
  architecture: z.string(),
  rank: z.number().int(),
  alpha: z.number().nullable(),
  /** The base tensors it adapts, e.g. `output.weight`. */
  targets: z.array(z.string()),
  /** The base model version it is bound to. */
  base: z.object({ name: z.string(), version: z.number().int(), sha256: z.string() }),
  notes: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AdapterVersion = z.infer<typeof AdapterVersionSchema>;

export const AdapterImportResultSchema = z.object({
  adapter: AdapterVersionSchema,
  /** True when these bytes were already registered under this name for this base: nothing new was added. */
  duplicate: z.boolean(),
});

export const adaptersMethods = {
  'adapters.list': method({
    summary: 'LoRA adapter versions, optionally only those of one name or bound to one model version',
    access: 'models.read',
    input: z.object({ name: ADAPTER_NAME.optional(), model: MODEL_REF.optional() }),
    output: z.array(AdapterVersionSchema),
  }),
  'adapters.import': method({
    summary: 'Register a GGUF LoRA adapter file (a path on this machine, or a finished upload) as the next version of an adapter, bound to a base model version',
    access: 'models.write',
    input: z
      .object({
        path: z.string().trim().min(1).max(4096).optional(),
        uploadId: z.string().uuid().optional(),
        base: MODEL_REF,
        name: ADAPTER_NAME,
        notes: z.string().max(10_000).optional(),
        link: z.boolean().default(false),
        jobId: STREAM_ID.optional(),
      })
      .refine((i) => (i.path === undefined) !== (i.uploadId === undefined), 'Give either a file path or an upload, not both')
      .refine((i) => !(i.link && i.uploadId !== undefined), 'An uploaded file cannot be linked in place; it is copied into the store'),
    output: AdapterImportResultSchema,
  }),
};
