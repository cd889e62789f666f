import { z } from 'zod';
import { TraceSchema, TraceSummarySchema } from '../domain';
import { method } from './method';

export const tracesMethods = {
  'traces.list': method({
    summary: 'Recorded runs, newest first',
    access: 'traces.read',
    input: z.object({
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
      model: z.string().optional(),
    }),
    output: z.array(TraceSummarySchema),
  }),
  'traces.get': method({
    summary: 'One recorded run in full',
    access: 'traces.read',
    input: z.object({ id: z.string().min(1) }),
    output: TraceSchema,
  }),
};
