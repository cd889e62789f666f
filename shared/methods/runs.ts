import { z } from 'zod';
import { RunParamsSchema, RunResultSchema } from '../domain';
import { PROMPT_MAX_CHARS, STREAM_ID } from './fields';
import { method } from './method';

/**
 * The parameters exactly as the caller gave them, without filling in defaults:
 * the run service applies those, so a prompt's own defaults can sit underneath.
 */
function explicitOnly<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<{
    [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : T[K]>;
  }>;
}

export const runsMethods = {
  'runs.create': method({
    summary: 'Run a prompt on a model version; tokens stream as run.token events',
    access: 'runs.create',
    input: z
      .object({
        /** Optional only with promptRef, whose pinned model is used then. */
        model: z.string().min(1, 'Choose a model').optional(),
        prompt: z.string().max(PROMPT_MAX_CHARS, `A prompt may hold at most ${PROMPT_MAX_CHARS} characters`).optional(),
        /** A saved prompt (NAME@LABEL, NAME@VERSION): rendered with `vars`, it supplies the prompt and default params. */
        promptRef: z.string().trim().min(1).max(200).optional(),
        vars: z.record(z.string(), z.string()).optional(),
        params: explicitOnly(RunParamsSchema).default({}),
        streamId: STREAM_ID.optional(),
      })
      .superRefine((input, ctx) => {
        if (input.promptRef !== undefined) return;
        if (input.model === undefined) ctx.addIssue({ code: 'custom', path: ['model'], message: 'Choose a model' });
        if ((input.prompt ?? '').trim().length === 0) {
          ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'The prompt is empty: write something for the model to answer' });
        }
      }),
    output: RunResultSchema,
  }),
  'runs.cancel': method({
    summary: 'Stop a streaming run; the partial output is kept',
    access: 'runs.create',
    input: z.object({ streamId: STREAM_ID }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
