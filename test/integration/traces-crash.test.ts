import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/core/workspace';
import { ROOT, TRIAD_BIN } from '../helpers/cli';
import { registerRandomModel } from '../helpers/randomModelFixture';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

interface Row {
  id: string;
  status: string;
  output: string;
  owner_pid: number | null;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A real `triad run` in a child process, killed with SIGKILL while it generates.
describe('crash safety', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeAll(async () => {
    temp = makeTempHome();
    const ws = openWorkspace({ home: temp.home });
    await ws.users.createFirstAdmin(ADMIN.username, ADMIN.password, 'cli');
    await registerRandomModel(ws);
    await ws.close();
  });
  afterAll(() => temp.cleanup());

  it('keeps the streamed output of a killed run, and the next open marks it interrupted (not while it lives)', async () => {
    const child = spawn(process.execPath, [TRIAD_BIN, 'run', '--model', 'noise', '--prompt', 'go on', '--max-tokens', '20000', '--temperature', '0'], {
      cwd: ROOT,
      env: { ...process.env, TRIAD_HOME: temp.home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const peek = new Database(join(temp.home, 'triad.db'), { readonly: true, fileMustExist: true });
    try {
      const select = peek.prepare(`SELECT id, status, output, owner_pid FROM traces ORDER BY started_at DESC LIMIT 1`);
      // Streamed output reaches the database while the run is still going.
      const running = await until('streamed output', () => {
        if (child.exitCode !== null) throw new Error(`the run ended early: ${stderr}`);
        const row = select.get() as Row | undefined;
        return row && row.status === 'running' && row.output.length > 20 ? row : undefined;
      });
      expect(running.owner_pid).toBe(child.pid);

      // Another process opening the home meanwhile must not call a live run interrupted.
      const meanwhile = openWorkspace({ home: temp.home });
      expect(meanwhile.traces.get(running.id).status).toBe('running');
      await meanwhile.close();

      child.kill('SIGKILL');
      await exited;
      const leftBehind = select.get() as Row;
      expect(leftBehind.status).toBe('running');
      expect(leftBehind.output.startsWith(running.output)).toBe(true);

      const after = openWorkspace({ home: temp.home });
      try {
        const trace = after.traces.get(running.id);
        expect(trace.status).toBe('interrupted');
        expect(trace.output).toBe(leftBehind.output);
        expect(trace.error?.code).toBe('INTERRUPTED');
        expect(trace.error?.message).toContain(String(child.pid));
        expect(trace.endedAt).not.toBeNull();
        // Interrupted traces are searchable like any finished one.
        const word = leftBehind.output.trim().split(/\s+/)[0] ?? '';
        expect(after.traces.list({ limit: 10, offset: 0, search: word }).map((t) => t.id)).toContain(running.id);
      } finally {
        await after.close();
      }
    } finally {
      peek.close();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
