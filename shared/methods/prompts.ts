import { z } from 'zod';
import { RunParamsSchema } from '../domain';
import { PERMISSIONS, type Access, type Permission } from '../permissions';
import { method } from './method';

/** Prompt names read well in references (`NAME@production`), so they stay simple. */
export const PROMPT_NAME = z
  .string()
  .trim()
  .min(1, 'A prompt needs a name')
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, dot, dash or underscore (no @ or spaces)');

/** Labels start with a letter so `NAME@2` (a version) and `NAME@staging` (a label) never collide. */
export const PROMPT_LABEL = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9_-]*$/, 'A label starts with a lower-case letter and uses a-z, 0-9, dash or underscore')
  .refine((l) => l !== 'latest', '"latest" always means the newest version and cannot be set');

/** Labels whose moves need a second person (separation of duties). */
export const PROTECTED_LABELS = ['production'] as const;

export const PROMPT_ROLES = ['user', 'assistant'] as const;
export const PromptMessageSchema = z.object({
  role: z.enum(PROMPT_ROLES),
  content: z.string().max(100_000),
});
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

/** A rendered message as the model saw it (the system message included). */
export const RenderedMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
export type RenderedMessage = z.infer<typeof RenderedMessageSchema>;

/** Default sampling parameters a prompt carries; explicit run parameters win over them. */
export const PromptParamsSchema = z
  .object({
    mode: RunParamsSchema.shape.mode.unwrap(),
    temperature: RunParamsSchema.shape.temperature.unwrap(),
    topK: RunParamsSchema.shape.topK.unwrap(),
    topP: RunParamsSchema.shape.topP.unwrap(),
    minP: RunParamsSchema.shape.minP.unwrap(),
    repeatPenalty: RunParamsSchema.shape.repeatPenalty.unwrap(),
    stop: RunParamsSchema.shape.stop.unwrap(),
    seed: RunParamsSchema.shape.seed.unwrap(),
    maxTokens: RunParamsSchema.shape.maxTokens.unwrap(),
  })
  .partial()
  .strict();
export type PromptParams = z.infer<typeof PromptParamsSchema>;

/** What a version holds; its hash is taken over exactly this (not the commit message or author). */
export const PromptContentSchema = z.object({
  system: z.string().max(100_000).default(''),
  messages: z.array(PromptMessageSchema).min(1, 'A prompt needs at least one message template').max(50),
  params: PromptParamsSchema.default({}),
  outputSchema: z.record(z.string(), z.unknown()).nullable().default(null),
  model: z.string().trim().min(1).max(200).nullable().default(null),
});
export type PromptContent = z.output<typeof PromptContentSchema>;
export type PromptContentInput = z.input<typeof PromptContentSchema>;

export const PromptVersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  hash: z.string(),
  content: PromptContentSchema,
  variables: z.array(z.string()),
  commitMessage: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Labels that point at this version now. */
  labels: z.array(z.string()),
});
export type PromptVersion = z.infer<typeof PromptVersionSchema>;

export const PromptLabelSchema = z.object({
  label: z.string(),
  version: z.number().int(),
  protected: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PromptLabel = z.infer<typeof PromptLabelSchema>;

export const LabelEventSchema = z.object({
  seq: z.number().int(),
  label: z.string(),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  action: z.enum(['set', 'rollback']),
  at: z.string(),
  by: z.string(),
});
export type LabelEvent = z.infer<typeof LabelEventSchema>;

export const PromptSummarySchema = z.object({
  name: z.string(),
  latestVersion: z.number().int(),
  latestHash: z.string(),
  versions: z.number().int(),
  labels: z.array(z.object({ label: z.string(), version: z.number().int() })),
  updatedAt: z.string(),
  createdBy: z.string(),
});
export type PromptSummary = z.infer<typeof PromptSummarySchema>;

export const PromptDetailSchema = z.object({
  name: z.string(),
  versions: z.array(PromptVersionSchema),
  labels: z.array(PromptLabelSchema),
  history: z.array(LabelEventSchema),
});
export type PromptDetail = z.infer<typeof PromptDetailSchema>;

export const RenderResultSchema = z.object({
  messages: z.array(RenderedMessageSchema),
  variables: z.array(z.string()),
  /** Variables given that the template does not use. */
  warnings: z.array(z.string()),
});
export type RenderResult = z.infer<typeof RenderResultSchema>;

export const PreviewResultSchema = RenderResultSchema.extend({
  hash: z.string(),
  /** Variables the template uses that have no value yet; the preview shows them as {{name}}. */
  missing: z.array(z.string()),
});
export type PreviewResult = z.infer<typeof PreviewResultSchema>;

const WordPartSchema = z.object({ kind: z.enum(['same', 'add', 'del']), text: z.string() });
export const DiffLineSchema = z.object({
  kind: z.enum(['context', 'add', 'del']),
  oldNo: z.number().int().nullable(),
  newNo: z.number().int().nullable(),
  text: z.string(),
  /** Word-level changes, for a line paired with its changed counterpart. */
  words: z.array(WordPartSchema).nullable(),
});
export type DiffLine = z.infer<typeof DiffLineSchema>;

const VersionRefSchema = z.object({ name: z.string(), version: z.number().int(), hash: z.string() });
export const PromptDiffSchema = z.object({
  from: VersionRefSchema,
  to: VersionRefSchema,
  identical: z.boolean(),
  added: z.number().int(),
  removed: z.number().int(),
  lines: z.array(DiffLineSchema),
  /** The same change as a unified patch, for terminals and review tools. */
  unified: z.string(),
});
export type PromptDiff = z.infer<typeof PromptDiffSchema>;

export const PromptUsageSchema = z.object({
  version: z.number().int(),
  hash: z.string(),
  runs: z.number().int(),
  errors: z.number().int(),
  avgTotalMs: z.number().nullable(),
  p95TotalMs: z.number().nullable(),
  avgOutputTokens: z.number().nullable(),
  lastRunAt: z.string().nullable(),
  /** Runs that carry at least one flag (e.g. json_invalid, or a policy detector's). */
  flagged: z.number().int(),
  /** Runs per flag, most frequent first. */
  flags: z.array(z.object({ flag: z.string(), runs: z.number().int() })),
  /** Share of eval cases passed; null until evals exist and have run on this version. */
  evalPassRate: z.number().nullable(),
});
export type PromptUsage = z.infer<typeof PromptUsageSchema>;

const VARS = z.record(z.string(), z.string()).default({});
const COMMIT_MESSAGE = z.string().trim().max(2000).default('');

/** Users and roles are being extended; dedicated prompt permissions win once they exist. */
function accessFor(preferred: string, fallback: Access): Access {
  return (PERMISSIONS as readonly string[]).includes(preferred) ? (preferred as Permission) : fallback;
}
const READ = accessFor('prompts.read', 'models.read');
const WRITE = accessFor('prompts.write', 'models.write');
const APPROVE = accessFor('prompts.approve', WRITE);

/**
 * Who may do what with prompts. Moving a label is `authenticated` at the door
 * because the rule depends on the label: a protected label needs APPROVE,
 * any other needs WRITE; the core checks which (api/handlers/prompts.ts).
 */
export const PROMPT_ACCESS = { read: READ, write: WRITE, approve: APPROVE } as const;

export const promptsMethods = {
  'prompts.list': method({
    summary: 'Prompts with their newest version and labels',
    access: READ,
    input: z.object({}),
    output: z.array(PromptSummarySchema),
  }),
  'prompts.get': method({
    summary: 'One prompt: every version (newest first), its labels and label history',
    access: READ,
    input: z.object({ name: PROMPT_NAME }),
    output: PromptDetailSchema,
  }),
  'prompts.resolve': method({
    summary: 'One prompt version by reference: NAME, NAME@VERSION, NAME@LABEL or NAME@latest',
    access: READ,
    input: z.object({ ref: z.string().min(1) }),
    output: PromptVersionSchema,
  }),
  'prompts.create': method({
    summary: 'Create a prompt with its first version',
    access: WRITE,
    input: z.object({ name: PROMPT_NAME, content: PromptContentSchema, commitMessage: COMMIT_MESSAGE }),
    output: z.object({ version: PromptVersionSchema }),
  }),
  'prompts.addVersion': method({
    summary: 'Add a version; the same content as an existing version returns that version instead',
    access: WRITE,
    input: z.object({ name: PROMPT_NAME, content: PromptContentSchema, commitMessage: COMMIT_MESSAGE }),
    output: z.object({ version: PromptVersionSchema, duplicate: z.boolean() }),
  }),
  'prompts.setLabel': method({
    summary: 'Point a label at a version; protected labels (production) need an approver who is not the version author',
    access: 'authenticated',
    input: z.object({ name: PROMPT_NAME, version: z.number().int().positive(), label: PROMPT_LABEL }),
    output: PromptLabelSchema,
  }),
  'prompts.rollback': method({
    summary: 'Move a label back to the version it pointed at before its last move',
    access: 'authenticated',
    input: z.object({ name: PROMPT_NAME, label: PROMPT_LABEL }),
    output: PromptLabelSchema,
  }),
  'prompts.diff': method({
    summary: 'Line- and word-level differences between two prompt versions',
    access: READ,
    input: z.object({ from: z.string().min(1), to: z.string().min(1) }),
    output: PromptDiffSchema,
  }),
  'prompts.render': method({
    summary: 'Render a saved version with variables; a missing variable is an error, an unused one a warning',
    access: READ,
    input: z.object({ ref: z.string().min(1), vars: VARS }),
    output: RenderResultSchema,
  }),
  'prompts.preview': method({
    summary: 'Render unsaved content for the live preview; missing variables stay visible as {{name}}',
    access: READ,
    input: z.object({ content: PromptContentSchema, vars: VARS }),
    output: PreviewResultSchema,
  }),
  'prompts.usage': method({
    summary: 'Runs, errors, latency and flags per version, from the recorded traces',
    access: READ,
    input: z.object({ name: PROMPT_NAME }),
    output: z.array(PromptUsageSchema),
  }),
  'prompts.export': method({
    summary: 'Every version of the named prompts (all when none named) as one YAML document',
    access: READ,
    input: z.object({ names: z.array(PROMPT_NAME).default([]) }),
    output: z.object({ yaml: z.string(), prompts: z.number().int(), versions: z.number().int() }),
  }),
  'prompts.import': method({
    summary: 'Import a YAML export: new content becomes new versions; nothing is overwritten',
    access: WRITE,
    input: z.object({ yaml: z.string().min(1, 'The file is empty').max(5_000_000) }),
    output: z.object({
      created: z.array(z.object({ name: z.string(), version: z.number().int(), hash: z.string() })),
      unchanged: z.array(z.object({ name: z.string(), version: z.number().int(), hash: z.string() })),
    }),
  }),
};
