import { z } from 'zod';
import { WorkspaceInfoSchema } from '../domain';
import { method } from './method';

export const workspaceMethods = {
  'workspace.info': method({
    summary: 'Where the workspace lives and what it holds',
    access: 'workspace.read',
    input: z.object({}),
    output: WorkspaceInfoSchema,
  }),
};
