import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty Triad home in the system temp folder. */
export function makeTempHome(prefix = 'triad-test-'): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export const ADMIN = { username: 'admin', password: 'correct-horse-1' } as const;
