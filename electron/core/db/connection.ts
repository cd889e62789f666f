import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better-sqlite3 binary built for another runtime. better-sqlite3 is
   * not N-API, so the Electron shell passes its own build while Node (tests,
   * CLI) uses the default one.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens triad.db the way every process must: WAL so the app and the CLI can use
 * one home at once, a busy timeout so they wait for each other instead of
 * failing, and foreign keys on. Migrations run before anything else touches it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return db;
}
