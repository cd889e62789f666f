import { z } from 'zod';
import { RunParamsSchema, RunResultSchema } from '../domain';
import { PROMPT_MAX_CHARS, STREAM_ID } from './fields';
import { method } from './method';

export const runsMethods = {
  'runs.create': method({
    summary: 'Run a prompt on a model version; tokens stream as run.token events',
    access: 'runs.create',
    input: z.object({
      model: z.string().min(1, 'Choose a model'),
      prompt: z
        .string()
        .max(PROMPT_MAX_CHARS, `A prompt may hold at most ${PROMPT_MAX_CHARS} characters`)
        .refine((p) => p.trim().length > 0, 'The prompt is empty: write something for the model to answer'),
      params: RunParamsSchema.partial().default({}),
      streamId: STREAM_ID.optional(),
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
