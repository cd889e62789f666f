import { z } from 'zod';
import { UserSchema } from '../domain';
import { ROLES } from '../permissions';
import { NEW_PASSWORD, PASSWORD, USERNAME } from './fields';
import { method } from './method';

/** A role by name; an unknown one is refused with the list of real ones. */
export const ROLE_NAME = z.enum(ROLES, { error: `Unknown role. The roles are: ${ROLES.join(', ')}.` });

/** What an administrator sees about an account (never its password hash). */
export const UserDetailSchema = UserSchema.extend({
  createdBy: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  /** Set while the account is locked after too many wrong passwords. */
  lockedUntil: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export type UserDetail = z.infer<typeof UserDetailSchema>;

const TARGET = z.object({ username: z.string().trim().min(1, 'Name the user') });

export const usersMethods = {
  'users.list': method({
    summary: 'Every account with its role and state (accounts are disabled, never deleted)',
    access: 'users.read',
    input: z.object({}),
    output: z.array(UserDetailSchema),
  }),
  'users.create': method({
    summary: 'Add a user with a role and a first password',
    access: 'users.manage',
    input: z.object({ username: USERNAME, role: ROLE_NAME, password: NEW_PASSWORD }),
    output: UserDetailSchema,
  }),
  'users.setRole': method({
    summary: "Change a user's role",
    access: 'users.manage',
    input: TARGET.extend({ role: ROLE_NAME }),
    output: UserDetailSchema,
  }),
  'users.disable': method({
    summary: 'Disable an account: it can no longer sign in, and its sessions end',
    access: 'users.manage',
    input: TARGET,
    output: UserDetailSchema,
  }),
  'users.enable': method({
    summary: 'Enable a disabled account again',
    access: 'users.manage',
    input: TARGET,
    output: UserDetailSchema,
  }),
  'users.resetPassword': method({
    summary: "Set another user's password (ends their sessions and clears a lockout)",
    access: 'users.manage',
    input: TARGET.extend({ password: NEW_PASSWORD }),
    output: UserDetailSchema,
  }),
  'users.changePassword': method({
    summary: 'Change your own password; needs the current one',
    access: 'authenticated',
    input: z.object({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
