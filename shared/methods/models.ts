import { z } from 'zod';
import { ModelSummarySchema, ModelVersionSchema } from '../domain';
import { method } from './method';

export const modelsMethods = {
  'models.list': method({
    summary: 'Registered models with their versions',
    access: 'models.read',
    input: z.object({}),
    output: z.array(ModelSummarySchema),
  }),
  'models.get': method({
    summary: 'One model version by reference (NAME, NAME@VERSION or sha256:HEX)',
    access: 'models.read',
    input: z.object({ ref: z.string().min(1) }),
    output: ModelVersionSchema,
  }),
};
