import { TriadError } from '../../../shared/errors';
import type { Actor } from './audit';

/**
 * Separation of duties, the one rule every approval follows (model versions,
 * prompt versions, policies): whoever created a thing may not approve it.
 */
export function assertNotCreator(subject: string, createdBy: string | null, approver: Actor): void {
  if (createdBy !== null && approver.id !== null && createdBy === approver.id) {
    throw new TriadError(
      'FORBIDDEN',
      `${approver.username} created ${subject} and so may not approve it (separation of duties).`,
      'Ask another user with approval rights to approve it.',
    );
  }
}
