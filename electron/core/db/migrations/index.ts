import { migration0001 } from './0001_init';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. Never edit a migration that has landed: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
