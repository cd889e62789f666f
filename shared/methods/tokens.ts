import { z } from 'zod';
import { method } from './method';

/** An API token as listed: never the secret itself, which is shown once at creation. */
export const ApiTokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfoSchema>;

export const TOKEN_NAME = z
  .string()
  .trim()
  .min(1, 'Give the token a name, e.g. the script that uses it')
  .max(64, 'A token name may hold at most 64 characters');

export const tokensMethods = {
  'tokens.create': method({
    summary: 'Create an API token that acts as you; the secret is shown once and stored hashed',
    access: 'authenticated',
    input: z.object({
      name: TOKEN_NAME,
      expiresInDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: z.object({ token: z.string(), info: ApiTokenInfoSchema }),
  }),
  'tokens.list': method({
    summary: 'Your API tokens, newest first (revoked ones included)',
    access: 'authenticated',
    input: z.object({}),
    output: z.array(ApiTokenInfoSchema),
  }),
  'tokens.revoke': method({
    summary: 'Revoke one of your API tokens by id or name; it stops working at once',
    access: 'authenticated',
    input: z.object({ token: z.string().trim().min(1, 'Name the token (its id or name)') }),
    output: ApiTokenInfoSchema,
  }),
};
