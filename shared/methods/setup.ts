import { z } from 'zod';
import { SessionSchema } from '../domain';
import { NEW_PASSWORD, USERNAME } from './fields';
import { method } from './method';

export const setupMethods = {
  'setup.status': method({
    summary: 'Whether the workspace still needs its first admin, and what it is',
    access: 'public',
    input: z.object({}),
    output: z.object({ needsAdmin: z.boolean(), appVersion: z.string() }),
  }),
  'setup.createAdmin': method({
    summary: 'Create the first admin on a new workspace (needs the launch token in a browser)',
    access: 'public',
    input: z.object({ username: USERNAME, password: NEW_PASSWORD, launchToken: z.string().optional() }),
    output: SessionSchema,
  }),
};
