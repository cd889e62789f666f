import type { User } from '../../../../shared/domain';
import { TriadError } from '../../../../shared/errors';
import { roleMayCall, type Access } from '../../../../shared/permissions';

/**
 * For methods whose permission depends on the input (approving vs. drafting, a
 * protected label vs. any other): the door checks a base permission, the
 * handler calls this with what the particular request needs. Any one suffices.
 */
export function requireAnyAccess(user: User, needed: readonly Access[], what: string, hint: string): void {
  if (needed.some((access) => roleMayCall(user.role, access))) return;
  throw new TriadError('FORBIDDEN', `The ${user.role} role may not ${what} (needs "${needed.join('" or "')}").`, hint);
}
