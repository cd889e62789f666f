import { z } from 'zod';
import { SessionSchema, UserSchema } from '../domain';
import { PASSWORD } from './fields';
import { method } from './method';

export const authMethods = {
  'auth.login': method({
    summary: 'Sign in with user name and password',
    access: 'public',
    input: z.object({ username: z.string().trim().min(1, 'Enter a user name'), password: PASSWORD }),
    output: SessionSchema,
  }),
  'auth.useLaunchToken': method({
    summary: 'Exchange the one-time token from the served URL for a session, when it names a user',
    access: 'public',
    input: z.object({ token: z.string().min(1).max(200) }),
    output: z.object({ valid: z.boolean(), session: SessionSchema.nullable() }),
  }),
  'auth.logout': method({
    summary: 'End the current session',
    access: 'authenticated',
    input: z.object({}),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.whoami': method({
    summary: 'The signed-in user',
    access: 'authenticated',
    input: z.object({}),
    output: UserSchema,
  }),
};
