import type Database from 'better-sqlite3';
import { TriadError } from '../../../shared/errors';
import { MIGRATIONS } from './migrations';

/** The schema version is SQLite's user_version: the number of the last migration applied. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies pending numbered migrations, each in its own immediate transaction so
 * two processes opening a new home at once cannot both apply one.
 */
export function migrate(db: Database.Database): void {
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (schemaVersion(db) > latest) {
    throw new TriadError(
      'INTERNAL',
      `This workspace has schema version ${schemaVersion(db)}, newer than this Triad understands (${latest}).`,
      'Open it with the newer Triad that last wrote it.',
    );
  }
  for (const migration of MIGRATIONS) {
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it meanwhile.
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
  }
}
