import { migration0001 } from './0001_init';
import { migration0002 } from './0002_users';
import { migration0003 } from './0003_models';
import { migration0004 } from './0004_prompts';
import { migration0005 } from './0005_tracing';
import { migration0006 } from './0006_ledger';
import { migration0007 } from './0007_adapters';
import { migration0008 } from './0008_settings';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. Never edit a migration that has landed: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008];
