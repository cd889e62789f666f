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
  /** Who revoked it: the owner, or an administrator. */
  revokedBy: z.string().nullable(),
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
  // Administration of everyone's tokens: a separate permission from one's own,
  // so the method table says plainly who may see and stop other people's scripts.
  'tokens.listAll': method({
    summary: "Every user's API tokens, newest first (revoked ones included)",
    access: 'users.manage',
    input: z.object({ username: z.string().trim().min(1).optional() }),
    output: z.array(ApiTokenInfoSchema),
  }),
  'tokens.revokeAny': method({
    summary: "Revoke any user's API token by id; it stops working at once",
    access: 'users.manage',
    input: z.object({ id: z.string().trim().min(1, 'Name the token by its id') }),
    output: ApiTokenInfoSchema,
  }),
};
