import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openWorkspace } from '../../electron/core/workspace';
import { makeTempHome } from '../helpers/tempHome';

describe('workspace home', () => {
  const temps: ReturnType<typeof makeTempHome>[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
  const temp = () => {
    const t = makeTempHome();
    temps.push(t);
    return t.home;
  };

  it('creates triad.db in WAL mode with foreign keys and the latest schema version', async () => {
    const ws = openWorkspace({ home: temp() });
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    await ws.close();
  });

  it('opens the same home twice at once, and migrating again changes nothing', async () => {
    const home = temp();
    const a = openWorkspace({ home });
    const b = openWorkspace({ home });
    await a.users.createFirstAdmin('admin', 'correct-horse-1', 'cli');
    expect(b.users.findByName('admin')?.role).toBe('admin');
    await a.close();
    await b.close();
    const again = openWorkspace({ home });
    expect(again.users.count()).toBe(1);
    await again.close();
  });

  it('refuses a database written by a newer Triad instead of damaging it', () => {
    const home = temp();
    const db = openDatabase(`${home}/triad.db`);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openWorkspace({ home })).toThrow(/newer than this Triad understands/);
  });

  it('keeps audit events append-only', async () => {
    const ws = openWorkspace({ home: temp() });
    await ws.users.createFirstAdmin('admin', 'correct-horse-1', 'cli');
    // key.create events: the ledger records the installation's and the admin's signing keys.
    expect(ws.audit.recent().map((e) => e.action).filter((a) => !a.startsWith('key.'))).toEqual(['user.create']);
    expect(() => ws.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() => ws.db.prepare("UPDATE audit_events SET action = 'x'").run()).toThrow(/append-only/);
    await ws.close();
  });

  it('locks an account after five wrong passwords', async () => {
    const ws = openWorkspace({ home: temp() });
    await ws.users.createFirstAdmin('admin', 'correct-horse-1', 'cli');
    for (let i = 0; i < 5; i++) await expect(ws.users.authenticate('admin', 'bad', 'cli')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(ws.users.authenticate('admin', 'correct-horse-1', 'cli')).rejects.toMatchObject({ message: expect.stringContaining('locked') });
    expect(ws.audit.recent().map((e) => e.action)).toContain('auth.lockout');
    await ws.close();
  });

  it('expires sessions', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const ws = openWorkspace({ home: temp(), clock: { now: () => now } });
    const admin = await ws.users.createFirstAdmin('admin', 'correct-horse-1', 'cli');
    const session = ws.sessions.open(admin, 'browser');
    expect(ws.sessions.resolve(session.token).username).toBe('admin');
    now += 13 * 60 * 60_000;
    expect(() => ws.sessions.resolve(session.token)).toThrow(/expired/);
    await ws.close();
  });

  it('stores password hashes (scrypt) and session token hashes, never the secrets', async () => {
    const ws = openWorkspace({ home: temp() });
    const admin = await ws.users.createFirstAdmin('admin', 'correct-horse-1', 'cli');
    const session = ws.sessions.open(admin, 'browser');
    const dump = JSON.stringify([ws.db.prepare('SELECT * FROM users').all(), ws.db.prepare('SELECT * FROM sessions').all()]);
    expect(dump).toContain('scrypt$');
    expect(dump).not.toContain('correct-horse-1');
    expect(dump).not.toContain(session.token);
    await ws.close();
  });
});
