import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TriadError } from '../../../shared/errors';

export const INSTALLATION_SECRET_FILE = 'installation.secret';

/**
 * The installation key signs checkpoints at app close and on a timer, when no
 * one is there to type a password. Its private key is still encrypted (scrypt +
 * AES-256-GCM) in the database, but with this random secret, kept in the
 * home's keys/ folder with mode 0600. The trade-off: whoever can read that
 * folder can sign checkpoints; a copy of the database alone cannot, and an
 * edit made with the database alone is still caught by the signatures.
 */
export function readOrCreateInstallationSecret(keysDir: string): string {
  const file = join(keysDir, INSTALLATION_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  // Write aside, then link into place: link fails if another process won the race.
  const tmp = join(keysDir, `.${INSTALLATION_SECRET_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  const secret = readSecret(file);
  if (!secret) throw new TriadError('INTERNAL', `Could not create the installation secret ${file}.`);
  return secret;
}

export function readInstallationSecret(keysDir: string): string {
  const file = join(keysDir, INSTALLATION_SECRET_FILE);
  const secret = readSecret(file);
  if (!secret) {
    throw new TriadError(
      'INTERNAL',
      `The installation key cannot be unlocked: ${file} is missing.`,
      'Restore the keys/ folder from the backup of this home, or rotate the installation key with `triad ledger rotate-key`.',
    );
  }
  return secret;
}

function readSecret(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length > 0 ? text : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
