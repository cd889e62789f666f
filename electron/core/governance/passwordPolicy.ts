import { TriadError } from '../../../shared/errors';

export const MIN_PASSWORD_LENGTH = 8;

/**
 * The minimum policy for every new password, whichever door it comes through
 * (first admin, new user, reset, change). The contract's NEW_PASSWORD checks the
 * length at the door; this adds what needs the user name.
 */
export function assertPasswordPolicy(password: string, username: string): void {
  const refuse = (message: string): never => {
    throw new TriadError('BAD_INPUT', message, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters that is not easy to guess.`);
  };
  if (password.length < MIN_PASSWORD_LENGTH) refuse(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.toLowerCase() === username.toLowerCase()) refuse('A password may not be the user name.');
  if (new Set(password).size < 3) refuse('A password needs at least three different characters.');
}
