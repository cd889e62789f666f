import type { User } from '../../../shared/domain';
import type { UserDetail } from '../../../shared/methods/users';
import type { Role } from '../../../shared/permissions';
import { iso } from '../clock';
import type { Db } from '../db/connection';

/** A users row as stored; the password hash never leaves the core. */
export interface UserRow {
  id: string;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  created_by: string | null;
  last_login_at: number | null;
  password_changed_at: number | null;
  disabled_at: number | null;
}

export function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled === 1, createdAt: iso(row.created_at) };
}

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function toUserDetail(row: UserRow & { created_by_name: string | null }, now: number): UserDetail {
  return {
    ...toUser(row),
    createdBy: row.created_by_name,
    lastLoginAt: isoOrNull(row.last_login_at),
    passwordChangedAt: isoOrNull(row.password_changed_at),
    lockedUntil: row.locked_until !== null && row.locked_until > now ? iso(row.locked_until) : null,
    disabledAt: isoOrNull(row.disabled_at),
  };
}

export function userRowByName(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function userRowById(db: Db, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function listUserRows(db: Db): (UserRow & { created_by_name: string | null })[] {
  return db
    .prepare(
      `SELECT u.*, c.username AS created_by_name FROM users u LEFT JOIN users c ON c.id = u.created_by
       ORDER BY u.username COLLATE NOCASE`,
    )
    .all() as (UserRow & { created_by_name: string | null })[];
}

export function activeAdminCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}
