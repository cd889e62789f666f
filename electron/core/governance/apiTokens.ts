import { randomUUID } from 'node:crypto';
import type { Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { ApiTokenInfo } from '../../../shared/methods/tokens';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { disabledError } from './accountErrors';
import type { AuditLog } from './audit';
import { hashToken, newSecretToken } from './tokens';
import { actorOf, type UserService } from './users';

/** API tokens start with this, so transports and secret scanners can tell them from session tokens. */
export const API_TOKEN_PREFIX = 'triad_';

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

interface TokenRow {
  id: string;
  name: string;
  user_id: string;
  username: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by_name: string | null;
}

const SELECT = `SELECT t.id, t.name, t.user_id, u.username, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
    r.username AS revoked_by_name
  FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN users r ON r.id = t.revoked_by`;
const NEWEST_FIRST = 'ORDER BY t.created_at DESC, t.rowid DESC';

function toInfo(row: TokenRow): ApiTokenInfo {
  const at = (ms: number | null): string | null => (ms === null ? null : iso(ms));
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    createdAt: iso(row.created_at),
    expiresAt: at(row.expires_at),
    lastUsedAt: at(row.last_used_at),
    revokedAt: at(row.revoked_at),
    revokedBy: row.revoked_by_name,
  };
}

const refused = (message: string): TriadError =>
  new TriadError('UNAUTHENTICATED', message, 'Create a new token with `triad tokens create --name NAME`.');

/**
 * Tokens for scripts and API clients (CLI `TRIAD_TOKEN`, HTTP bearer). Each
 * acts as its user, with that user's current role. The secret is returned
 * once; only its SHA-256 is stored.
 */
export class ApiTokenService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  create(user: User, input: { name: string; expiresInDays?: number | undefined }, source: Source): { token: string; info: ApiTokenInfo } {
    const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = input.expiresInDays === undefined ? null : now + input.expiresInDays * 86_400_000;
    this.db.transaction(() => {
      const clash = this.db
        .prepare('SELECT 1 FROM api_tokens WHERE user_id = ? AND name = ? AND revoked_at IS NULL')
        .get(user.id, input.name);
      if (clash) {
        throw new TriadError('ALREADY_EXISTS', `You already have an active token named "${input.name}".`, 'Choose another name, or revoke the old token first.');
      }
      this.db
        .prepare('INSERT INTO api_tokens (id, name, token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.name, hashToken(token), user.id, now, expiresAt);
      this.audit.record({
        actor: actorOf(user),
        source,
        action: 'token.create',
        target: `token:${id}`,
        after: { name: input.name, expiresAt: expiresAt === null ? null : iso(expiresAt) },
      });
    }).immediate();
    return { token, info: this.info(id) };
  }

  list(user: User): ApiTokenInfo[] {
    return (this.db.prepare(`${SELECT} WHERE t.user_id = ? ${NEWEST_FIRST}`).all(user.id) as TokenRow[]).map(toInfo);
  }

  /** Everyone's tokens (for administrators; the method table checks the permission), optionally one user's. */
  listAll(username?: string): ApiTokenInfo[] {
    if (username !== undefined && !this.users.findByName(username)) {
      throw new TriadError('NOT_FOUND', `There is no user "${username}".`, 'List the users with `triad users list`.');
    }
    const rows =
      username === undefined
        ? this.db.prepare(`${SELECT} ${NEWEST_FIRST}`).all()
        : this.db.prepare(`${SELECT} WHERE u.username = ? COLLATE NOCASE ${NEWEST_FIRST}`).all(username);
    return (rows as TokenRow[]).map(toInfo);
  }

  /** Revokes one of the user's own tokens, named by id or by the name of an active token. */
  revoke(user: User, ref: string, source: Source): ApiTokenInfo {
    let revokedId = '';
    this.db.transaction(() => {
      const row =
        (this.db.prepare(`${SELECT} WHERE t.user_id = ? AND t.id = ?`).get(user.id, ref) as TokenRow | undefined) ??
        (this.db.prepare(`${SELECT} WHERE t.user_id = ? AND t.name = ? AND t.revoked_at IS NULL`).get(user.id, ref) as TokenRow | undefined);
      if (!row) {
        throw new TriadError('NOT_FOUND', `You have no token "${ref}".`, 'List your tokens with `triad tokens list`.');
      }
      this.markRevoked(user, row, source);
      revokedId = row.id;
    }).immediate();
    return this.info(revokedId);
  }

  /**
   * An administrator revokes anyone's token, by id only: names are unique per
   * user, not across users. The audit event names the owner, so the record
   * shows whose script was stopped and by whom.
   */
  revokeAny(actor: User, id: string, source: Source): ApiTokenInfo {
    this.db.transaction(() => {
      const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TokenRow | undefined;
      if (!row) {
        throw new TriadError('NOT_FOUND', `There is no token with the id "${id}".`, 'List all tokens with `triad tokens list --all`.');
      }
      this.markRevoked(actor, row, source);
    }).immediate();
    return this.info(id);
  }

  private markRevoked(actor: User, row: TokenRow, source: Source): void {
    if (row.revoked_at !== null) {
      throw new TriadError('BAD_INPUT', `The token "${row.name}" is already revoked.`);
    }
    this.db.prepare('UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(this.clock.now(), actor.id, row.id);
    // Own tokens keep the short before-state; someone else's also names the owner.
    const before = row.user_id === actor.id ? { name: row.name, revoked: false } : { name: row.name, owner: row.username, revoked: false };
    this.audit.record({ actor: actorOf(actor), source, action: 'token.revoke', target: `token:${row.id}`, before, after: { revoked: true } });
  }

  /** The user behind a token, or a typed 401 (unknown, revoked, expired) / 403 (disabled user). */
  resolve(token: string): User {
    const row = this.db
      .prepare('SELECT id, user_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?')
      .get(hashToken(token)) as { id: string; user_id: string; expires_at: number | null; revoked_at: number | null } | undefined;
    if (!row) throw refused('This API token is not valid.');
    if (row.revoked_at !== null) throw refused('This API token has been revoked.');
    const now = this.clock.now();
    if (row.expires_at !== null && row.expires_at <= now) throw refused('This API token has expired.');
    const user = this.users.get(row.user_id);
    if (!user) throw refused('This API token is not valid.');
    if (user.disabled) throw disabledError(user.username);
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return user;
  }

  private info(id: string): ApiTokenInfo {
    return toInfo(this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TokenRow);
  }
}
