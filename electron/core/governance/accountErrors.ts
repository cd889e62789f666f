import { TriadError } from '../../../shared/errors';

/** The same words wherever a disabled account is refused: sign-in, session, API token. */
export function disabledError(username: string): TriadError {
  return new TriadError('FORBIDDEN', `The account "${username}" is disabled.`, 'Ask an administrator to enable it.');
}

export function userNotFound(username: string): TriadError {
  return new TriadError('NOT_FOUND', `There is no user named "${username}".`, 'List the users with `triad users list` or on the Governance page.');
}
