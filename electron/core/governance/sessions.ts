import { randomUUID } from 'node:crypto';
import type { Session, Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { disabledError } from './accountErrors';
import { hashToken, newSecretToken } from './tokens';
import type { UserService } from './users';

const SESSION_TTL_MS = 12 * 60 * 60_000;
const LAUNCH_TOKEN_TTL_MS = 12 * 60 * 60_000;

/**
 * Ends every open session of a user (disable, password reset), optionally
 * keeping the one the change was made from. A plain function so the user
 * service can call it inside its own transaction.
 */
export function revokeSessionsOf(db: Db, userId: string, now: number, keepToken: string | null = null): number {
  const keep = keepToken === null ? '' : hashToken(keepToken);
  return db
    .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash != ?')
    .run(now, userId, keep).changes;
}

/** Sessions and one-time launch tokens. Only token hashes are stored. */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly users: UserService,
  ) {}

  open(user: User, source: Source): Session {
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = now + SESSION_TTL_MS;
    this.db
      .prepare('INSERT INTO sessions (id, token_hash, user_id, source, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), hashToken(token), user.id, source, now, expiresAt);
    return { token, expiresAt: iso(expiresAt), user };
  }

  /** The user behind a session token, or a typed 401. */
  resolve(token: string): User {
    const row = this.db
      .prepare('SELECT user_id, expires_at, revoked_at FROM sessions WHERE token_hash = ?')
      .get(hashToken(token)) as { user_id: string; expires_at: number; revoked_at: number | null } | undefined;
    if (!row || row.revoked_at !== null) {
      throw new TriadError('UNAUTHENTICATED', 'You are not signed in.', 'Sign in again.');
    }
    if (row.expires_at <= this.clock.now()) {
      throw new TriadError('SESSION_EXPIRED', 'Your session has expired.', 'Sign in again.');
    }
    const user = this.users.get(row.user_id);
    if (!user) throw new TriadError('UNAUTHENTICATED', 'You are not signed in.', 'Sign in again.');
    if (user.disabled) throw disabledError(user.username);
    return user;
  }

  revoke(token: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(this.clock.now(), hashToken(token));
  }

  /**
   * A one-time token for the URL that `triad serve` prints. Bound to a user, it
   * signs that user in; unbound, it only proves the browser was opened by
   * whoever started the server (needed to create the first admin).
   */
  createLaunchToken(userId: string | null): string {
    const token = newSecretToken();
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO launch_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), userId, now, now + LAUNCH_TOKEN_TTL_MS);
    return token;
  }

  /** Validates a launch token; consumes it when `consume` is set. Returns its user id (or null when unbound). */
  checkLaunchToken(token: string, consume: boolean): { valid: boolean; userId: string | null } {
    const hash = hashToken(token);
    const row = this.db
      .prepare('SELECT user_id, expires_at, used_at FROM launch_tokens WHERE token_hash = ?')
      .get(hash) as { user_id: string | null; expires_at: number; used_at: number | null } | undefined;
    const now = this.clock.now();
    if (!row || row.used_at !== null || row.expires_at <= now) return { valid: false, userId: null };
    if (consume) {
      const changed = this.db.prepare('UPDATE launch_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(now, hash);
      if (changed.changes !== 1) return { valid: false, userId: null };
    }
    return { valid: true, userId: row.user_id };
  }
}
