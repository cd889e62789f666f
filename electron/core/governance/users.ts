import { randomUUID } from 'node:crypto';
import type { Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { UserDetail } from '../../../shared/methods/users';
import type { Role } from '../../../shared/permissions';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { disabledError, userNotFound } from './accountErrors';
import type { Actor, AuditLog } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { assertPasswordPolicy } from './passwordPolicy';
import { revokeSessionsOf } from './sessions';
import { activeAdminCount, listUserRows, toUser, toUserDetail, userRowById, userRowByName, type UserRow } from './userRows';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

// Spent on unknown user names so that they cannot be told apart by timing.
const DUMMY_HASH = 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, role: user.role };
}

type AuditSource = Source | 'system';

/**
 * Each user's signing key is encrypted with their password (ledger issue), so
 * the key store hears of passwords where this service sees them.
 */
export interface UserKeyHooks {
  passwordKnown(user: User, password: string, source: AuditSource): Promise<void>;
  passwordChanged(user: User, current: string, next: string): Promise<void>;
  /** Inside the reset's transaction: the old password is gone, so is the key it protected. */
  passwordReset(user: User, by: Actor, source: AuditSource): void;
}

const NO_KEY_HOOKS: UserKeyHooks = { passwordKnown: async () => undefined, passwordChanged: async () => undefined, passwordReset: () => undefined };

/**
 * Accounts: creation, sign-in with lockout, roles, disabling (never deleting:
 * the record keeps its actors) and passwords. Every change is audited in the
 * same transaction as the change itself.
 */
export class UserService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly keyHooks: UserKeyHooks = NO_KEY_HOOKS,
  ) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  get(id: string): User | null {
    const row = userRowById(this.db, id);
    return row ? toUser(row) : null;
  }

  findByName(username: string): User | null {
    const row = userRowByName(this.db, username);
    return row ? toUser(row) : null;
  }

  list(): UserDetail[] {
    const now = this.clock.now();
    return listUserRows(this.db).map((row) => toUserDetail(row, now));
  }

  detail(username: string): UserDetail {
    const detail = this.list().find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!detail) throw userNotFound(username);
    return detail;
  }

  async create(input: { username: string; password: string; role: Role }, by: Actor, source: AuditSource): Promise<User> {
    if (this.findByName(input.username)) {
      throw new TriadError('ALREADY_EXISTS', `A user named "${input.username}" already exists.`, 'Choose another user name.');
    }
    assertPasswordPolicy(input.password, input.username);
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    const row = { id: randomUUID(), username: input.username, role: input.role, created_at: now };
    const insert = this.db.transaction(() => {
      // Checked again inside the write lock: two first-admin requests may race.
      if (this.findByName(input.username)) {
        throw new TriadError('ALREADY_EXISTS', `A user named "${input.username}" already exists.`);
      }
      this.db
        .prepare(
          'INSERT INTO users (id, username, role, password_hash, created_at, created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(row.id, row.username, row.role, passwordHash, now, by.id, now);
      this.audit.record({
        actor: by,
        source,
        action: 'user.create',
        target: `user:${row.username}`,
        after: { username: row.username, role: row.role },
      });
    });
    insert.immediate();
    const user: User = { id: row.id, username: row.username, role: row.role, disabled: false, createdAt: iso(now) };
    await this.keyHooks.passwordKnown(user, input.password, source);
    return user;
  }

  /** Creates the first admin, refusing once any user exists. */
  async createFirstAdmin(username: string, password: string, source: AuditSource): Promise<User> {
    if (this.count() > 0) {
      throw new TriadError('SETUP_DONE', 'This workspace already has an administrator.', 'Sign in instead.');
    }
    const user = await this.create({ username, password, role: 'admin' }, { id: null, username, role: 'admin' }, source);
    if (this.count() > 1) {
      // Lost a race with another first-admin request: undo is not possible in an
      // append-only record, so refuse loudly rather than keep two "first" admins.
      throw new TriadError('SETUP_DONE', 'Another administrator was created at the same moment.', 'Sign in instead.');
    }
    return user;
  }

  /** Checks a password, counting failures and locking the account after too many. */
  async authenticate(username: string, password: string, source: Source): Promise<User> {
    const row = userRowByName(this.db, username);
    const wrong = new TriadError('WRONG_PASSWORD', 'Wrong user name or password.', 'Check both and try again.');
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      const name = username.slice(0, 64);
      this.audit.record({ actor: { id: null, username: name, role: null }, source, action: 'auth.login_failed', target: `user:${name}`, after: { reason: 'unknown user' } });
      throw wrong;
    }
    const actor: Actor = { id: row.id, username: row.username, role: row.role };
    this.assertNotLocked(row, actor, source);
    if (!(await this.checkPasswordCounting(row, password, actor, source))) throw wrong;
    if (row.disabled === 1) {
      this.audit.record({ actor, source, action: 'auth.login_failed', target: `user:${row.username}`, after: { reason: 'disabled' } });
      throw disabledError(row.username);
    }
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(this.clock.now(), row.id);
    const user = toUser(row);
    await this.keyHooks.passwordKnown(user, password, source);
    return user;
  }

  /** Changes one's own password; the current one must be right (wrong tries count towards lockout). */
  async changePassword(user: User, current: string, next: string, source: Source, keepSessionToken: string | null): Promise<void> {
    const row = userRowById(this.db, user.id);
    if (!row) throw userNotFound(user.username);
    const actor = actorOf(user);
    this.assertNotLocked(row, actor, source);
    if (!(await this.checkPasswordCounting(row, current, actor, source))) {
      throw new TriadError('WRONG_PASSWORD', 'The current password is wrong.', 'Enter the password you signed in with.');
    }
    if (current === next) throw new TriadError('BAD_INPUT', 'The new password is the same as the current one.', 'Choose a different password.');
    assertPasswordPolicy(next, row.username);
    const hash = await hashPassword(next);
    this.db.transaction(() => {
      const now = this.clock.now();
      this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0 WHERE id = ?').run(hash, now, row.id);
      // Other sessions may have been opened with the old password: end them.
      const ended = revokeSessionsOf(this.db, row.id, now, keepSessionToken);
      this.audit.record({ actor, source, action: 'user.password_change', target: `user:${row.username}`, after: { sessionsEnded: ended } });
    }).immediate();
    await this.keyHooks.passwordChanged(user, current, next);
  }

  /** An administrator sets another user's password: it also clears a lockout and ends their sessions. */
  async resetPassword(username: string, password: string, by: Actor, source: AuditSource): Promise<UserDetail> {
    const row = this.requireRow(username);
    assertPasswordPolicy(password, row.username);
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      const now = this.clock.now();
      this.db
        .prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?')
        .run(hash, now, row.id);
      const ended = revokeSessionsOf(this.db, row.id, now);
      this.audit.record({ actor: by, source, action: 'user.password_reset', target: `user:${row.username}`, after: { sessionsEnded: ended } });
      this.keyHooks.passwordReset(toUser(row), by, source);
    }).immediate();
    return this.detail(row.username);
  }

  setRole(username: string, role: Role, by: Actor, source: AuditSource): UserDetail {
    this.db.transaction(() => {
      const row = this.requireRow(username);
      if (row.role === role) return;
      if (row.role === 'admin' && row.disabled === 0) this.assertNotLastAdmin(row, 'take the admin role from');
      this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, row.id);
      this.audit.record({ actor: by, source, action: 'user.role', target: `user:${row.username}`, before: { role: row.role }, after: { role } });
    }).immediate();
    return this.detail(username);
  }

  setDisabled(username: string, disabled: boolean, by: Actor, source: AuditSource): UserDetail {
    this.db.transaction(() => {
      const row = this.requireRow(username);
      if ((row.disabled === 1) === disabled) return;
      const now = this.clock.now();
      if (disabled) {
        if (by.id === row.id) {
          throw new TriadError('FORBIDDEN', 'You cannot disable your own account.', 'Ask another administrator to do it.');
        }
        if (row.role === 'admin') this.assertNotLastAdmin(row, 'disable');
        this.db.prepare('UPDATE users SET disabled = 1, disabled_at = ? WHERE id = ?').run(now, row.id);
        const ended = revokeSessionsOf(this.db, row.id, now);
        this.audit.record({ actor: by, source, action: 'user.disable', target: `user:${row.username}`, before: { disabled: false }, after: { disabled: true, sessionsEnded: ended } });
      } else {
        this.db.prepare('UPDATE users SET disabled = 0, disabled_at = NULL, failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
        this.audit.record({ actor: by, source, action: 'user.enable', target: `user:${row.username}`, before: { disabled: true }, after: { disabled: false } });
      }
    }).immediate();
    return this.detail(username);
  }

  private requireRow(username: string): UserRow {
    const row = userRowByName(this.db, username);
    if (!row) throw userNotFound(username);
    return row;
  }

  private assertNotLastAdmin(row: UserRow, verb: string): void {
    if (activeAdminCount(this.db) <= 1) {
      throw new TriadError(
        'FORBIDDEN',
        `${row.username} is the last active administrator; you cannot ${verb} them.`,
        'Make another user an administrator first.',
      );
    }
  }

  private assertNotLocked(row: UserRow, actor: Actor, source: Source): void {
    const now = this.clock.now();
    if (row.locked_until === null || row.locked_until <= now) return;
    this.audit.record({ actor, source, action: 'auth.login_failed', target: `user:${row.username}`, after: { reason: 'locked' } });
    const minutes = Math.ceil((row.locked_until - now) / 60_000);
    throw new TriadError(
      'FORBIDDEN',
      `The account "${row.username}" is locked after ${MAX_FAILED_LOGINS} failed sign-ins.`,
      `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to reset the password.`,
    );
  }

  /** Verifies a password; a wrong one counts, and the fifth in a row locks the account. */
  private async checkPasswordCounting(row: UserRow, password: string, actor: Actor, source: Source): Promise<boolean> {
    if (await verifyPassword(password, row.password_hash)) return true;
    // Re-read: concurrent failures must all count.
    const fresh = userRowById(this.db, row.id) ?? row;
    const failures = fresh.failed_logins + 1;
    const lock = failures >= MAX_FAILED_LOGINS ? this.clock.now() + LOCKOUT_MS : null;
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(lock ? 0 : failures, lock, row.id);
      this.audit.record({ actor, source, action: lock ? 'auth.lockout' : 'auth.login_failed', target: `user:${row.username}`, ...(lock ? {} : { after: { reason: 'wrong password' } }) });
    }).immediate();
    return false;
  }
}
