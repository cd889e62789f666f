import { randomUUID } from 'node:crypto';
import type { Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from './audit';
import { hashPassword, verifyPassword } from './passwords';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
}

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;

function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled === 1, createdAt: iso(row.created_at) };
}

export function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, role: user.role };
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  get(id: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  findByName(username: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async create(input: { username: string; password: string; role: Role }, by: Actor, source: Source | 'system'): Promise<User> {
    if (this.findByName(input.username)) {
      throw new TriadError('ALREADY_EXISTS', `A user named "${input.username}" already exists.`, 'Choose another user name.');
    }
    const passwordHash = await hashPassword(input.password);
    const row: UserRow = {
      id: randomUUID(),
      username: input.username,
      role: input.role,
      password_hash: passwordHash,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: this.clock.now(),
    };
    const insert = this.db.transaction(() => {
      // Checked again inside the write lock: two first-admin requests may race.
      if (this.findByName(input.username)) {
        throw new TriadError('ALREADY_EXISTS', `A user named "${input.username}" already exists.`);
      }
      this.db
        .prepare(
          'INSERT INTO users (id, username, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(row.id, row.username, row.role, row.password_hash, row.created_at, by.id);
      this.audit.record({
        actor: by,
        source,
        action: 'user.create',
        target: `user:${row.username}`,
        after: { username: row.username, role: row.role },
      });
    });
    insert.immediate();
    return toUser(row);
  }

  /** Creates the first admin, refusing once any user exists. */
  async createFirstAdmin(username: string, password: string, source: Source | 'system'): Promise<User> {
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
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    const wrong = new TriadError('WRONG_PASSWORD', 'Wrong user name or password.', 'Check both and try again.');
    if (!row) {
      // Spend the same time as a real check so user names cannot be probed by timing.
      await verifyPassword(password, 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      throw wrong;
    }
    const now = this.clock.now();
    if (row.locked_until !== null && row.locked_until > now) {
      const minutes = Math.ceil((row.locked_until - now) / 60_000);
      throw new TriadError(
        'FORBIDDEN',
        `The account "${row.username}" is locked after ${MAX_FAILED_LOGINS} failed sign-ins.`,
        `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator.`,
      );
    }
    const actor: Actor = { id: row.id, username: row.username, role: row.role };
    if (!(await verifyPassword(password, row.password_hash))) {
      const failures = row.failed_logins + 1;
      const lock = failures >= MAX_FAILED_LOGINS ? now + LOCKOUT_MS : null;
      this.db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(lock ? 0 : failures, lock, row.id);
      this.audit.record({ actor, source, action: lock ? 'auth.lockout' : 'auth.login_failed', target: `user:${row.username}` });
      throw wrong;
    }
    if (row.disabled === 1) {
      throw new TriadError('FORBIDDEN', `The account "${row.username}" is disabled.`, 'Ask an administrator.');
    }
    if (row.failed_logins > 0 || row.locked_until !== null) {
      this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    }
    return toUser(row);
  }
}
