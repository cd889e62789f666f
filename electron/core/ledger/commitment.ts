import { randomBytes } from 'node:crypto';
import { sha256 } from './merkle';

/**
 * Content that retention may purge (a trace's input and output) is committed
 * as SHA-256(salt ‖ content). The salt lives beside the entry and is deleted
 * with the content: the leaf stays verifiable, and the commitment can no
 * longer be used to confirm a guess of what was purged.
 */
export interface Commitment {
  alg: 'sha256-salted';
  hash: string;
}

export function newSalt(): Buffer {
  return randomBytes(32);
}

export function commit(salt: Buffer, content: string): Commitment {
  return { alg: 'sha256-salted', hash: sha256(salt, Buffer.from(content, 'utf8')).toString('hex') };
}
