import { createHash, randomBytes } from 'node:crypto';

/** Secrets handed to clients; only their SHA-256 is ever stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
