import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../electron/core/ledger/canonical';
import { leafHash, verifyInclusion } from '../../electron/core/ledger/merkle';
import { parseCheckpointText, splitNote } from '../../electron/core/ledger/signedNote';
import { runTriad } from '../helpers/cli';
import { ADMIN } from '../helpers/tempHome';

// The culprit here has the database file and the sqlite3 command line, nothing
// else: every edit below is one a person could make by hand.

interface Report {
  ok: boolean;
  firstBadEntry: number | null;
  problems: { code: string; entry: number | null; message: string }[];
}

const root = mkdtempSync(join(tmpdir(), 'triad-ledger-'));
const pristine = join(root, 'pristine');
const env = (home: string) => ({ TRIAD_HOME: home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });
let traceId = '';
let cases = 0;

/** A copy of the finished home, edited with the sqlite3 CLI. */
function tampered(sql: string): string {
  const home = join(root, `case-${cases++}`);
  cpSync(pristine, home, { recursive: true });
  execFileSync('sqlite3', [join(home, 'triad.db'), sql]);
  return home;
}

async function verify(home: string): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await runTriad(['ledger', 'verify', '--json'], env(home));
  if (r.stdout.trim() === '') throw new Error(`ledger verify printed no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const DROP_GUARDS = 'DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete;';

describe('ledger: tampering with the sqlite3 command line', () => {
  beforeAll(async () => {
    expect((await runTriad(['demo'], env(pristine))).code).toBe(0);
    const run = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt', 'Hello', '--json'], env(pristine));
    expect(run.code, run.stderr).toBe(0);
    traceId = (JSON.parse(run.stdout) as { traceId: string }).traceId;
    expect((await runTriad(['ledger', 'checkpoint'], env(pristine))).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('verifies the untouched home', async () => {
    const { code, report } = await verify(pristine);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('names an edited entry', async () => {
    const home = tampered(`${DROP_GUARDS} UPDATE ledger_entries SET body = replace(body, '"admin"', '"mallory"') WHERE idx = 1;`);
    const { code, report, stderr } = await verify(home);
    expect(code).not.toBe(0);
    expect(report.firstBadEntry).toBe(1);
    expect(report.problems[0]).toMatchObject({ code: 'ENTRY_MODIFIED', entry: 1 });
    expect(report.problems.some((p) => p.code === 'CHECKPOINT_MISMATCH')).toBe(true);
    expect(stderr).toMatch(/first bad entry is 1/);
  });

  it('names a deleted entry, in the middle and at the end', async () => {
    const middle = await verify(tampered(`${DROP_GUARDS} DELETE FROM ledger_entries WHERE idx = 2;`));
    expect(middle.code).not.toBe(0);
    expect(middle.report.problems[0]).toMatchObject({ code: 'ENTRY_MISSING', entry: 2 });

    const cut = tampered(`${DROP_GUARDS} DELETE FROM ledger_entries WHERE idx = (SELECT max(idx) FROM ledger_entries); DELETE FROM ledger_nodes WHERE level = 0 AND idx = (SELECT max(idx) FROM ledger_nodes WHERE level = 0);`);
    const last = await verify(cut);
    expect(last.code).not.toBe(0);
    expect(last.report.problems.map((p) => p.code)).toContain('CHECKPOINT_AHEAD');
    expect(last.report.firstBadEntry).not.toBeNull();
    // A damaged tree is not grown further: a state change fails whole, with a typed error.
    const add = await runTriad(['users', 'add', 'erin', '--role', 'engineer'], { ...env(cut), TRIAD_NEW_PASSWORD: 'engineer-pass-1' });
    expect(add.code).not.toBe(0);
    expect(add.stderr).toContain('error [LEDGER_INVALID]');
    expect(execFileSync('sqlite3', [join(cut, 'triad.db'), "SELECT count(*) FROM users WHERE username = 'erin'"]).toString().trim()).toBe('0');
  });

  it('names reordered entries', async () => {
    const { code, report } = await verify(
      tampered(`${DROP_GUARDS} UPDATE ledger_entries SET idx = -1 WHERE idx = 2; UPDATE ledger_entries SET idx = 2 WHERE idx = 3; UPDATE ledger_entries SET idx = 3 WHERE idx = -1;`),
    );
    expect(code).not.toBe(0);
    expect(report.firstBadEntry).toBe(2);
    expect(report.problems.filter((p) => p.code === 'ENTRY_MISORDERED').map((p) => p.entry)).toEqual([2, 3]);
  });

  it('names a trace whose output was edited in the traces table', async () => {
    const { code, report } = await verify(tampered(`UPDATE traces SET output = 'Nothing to see here.' WHERE id = '${traceId}';`));
    expect(code).not.toBe(0);
    const p = report.problems.find((x) => x.code === 'SOURCE_MODIFIED');
    expect(p?.message).toContain(traceId);
    expect(p?.message).toContain('output');
    expect(report.firstBadEntry).toBe(p?.entry);
  });

  it('notices audit events deleted from, or slipped into, the audit log', async () => {
    const deleted = await verify(tampered(`DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE action = 'user.create';`));
    expect(deleted.code).not.toBe(0);
    expect(deleted.report.problems[0]?.code).toBe('SOURCE_MISSING');

    const inserted = await verify(
      tampered(`INSERT INTO audit_events (id, at, actor_name, source, action) VALUES ('forged', 0, 'admin', 'cli', 'model.approve');`),
    );
    expect(inserted.code).not.toBe(0);
    expect(inserted.report.problems.map((p) => p.code)).toEqual(['SOURCE_UNRECORDED']);
  });

  it('rejects a checkpoint whose signed text was edited', async () => {
    const { code, report } = await verify(tampered(`UPDATE ledger_checkpoints SET note = replace(note, char(10) || size || char(10), char(10) || (size + 1) || char(10)), size = size + 1 WHERE seq = 1;`));
    expect(code).not.toBe(0);
    expect(report.problems.map((p) => p.code)).toContain('CHECKPOINT_BAD_SIGNATURE');
  });

  it('checkpoint signatures verify with plain OpenSSL and the exported PEM', async () => {
    const cps = JSON.parse((await runTriad(['ledger', 'checkpoints', '--json'], env(pristine))).stdout) as { note: string; keyId: string }[];
    const cp = cps[0]!;
    const note = splitNote(cp.note)!;
    // What a reviewer holds offline: the PEM exactly as `triad ledger keys --pem` prints it.
    const pem = await runTriad(['ledger', 'keys', '--pem'], env(pristine));
    expect(pem.code, pem.stderr).toBe(0);
    expect(pem.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const byId = await runTriad(['ledger', 'keys', '--pem', cp.keyId.slice(0, 12)], env(pristine));
    expect(byId.stdout).toBe(pem.stdout);
    const dir = join(root, 'openssl');
    cpSync(pristine, dir, { recursive: true });
    writeFileSync(join(dir, 'checkpoint.txt'), note.text);
    writeFileSync(join(dir, 'checkpoint.sig'), note.signatures[0]!.signature);
    writeFileSync(join(dir, 'pub.pem'), pem.stdout);
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'checkpoint.txt', '-sigfile', 'checkpoint.sig'];
    const good = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    expect(good.stdout + good.stderr).toMatch(/Signature Verified Successfully/);
    expect(good.status).toBe(0);
    writeFileSync(join(dir, 'checkpoint.txt'), note.text.replace(/\n\d+\n/, '\n1\n'));
    expect(spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' }).status).not.toBe(0);
    const unknown = await runTriad(['ledger', 'keys', '--pem', 'ffffffffffff'], env(pristine));
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No signing key/);
  });

  it('prints an inclusion proof that checks against the signed checkpoint', async () => {
    const r = await runTriad(['ledger', 'proof', traceId, '--json'], env(pristine));
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as { entry: { index: number; body: unknown }; treeSize: number; rootHash: string; proof: string[]; checkpoint: { note: string } };
    const signed = parseCheckpointText(splitNote(p.checkpoint.note)!.text)!;
    expect(signed.rootHash.toString('hex')).toBe(p.rootHash);
    const leaf = leafHash(canonicalJson(p.entry.body));
    expect(verifyInclusion(leaf, p.entry.index, p.treeSize, p.proof.map((h) => Buffer.from(h, 'hex')), signed.rootHash)).toBe(true);
    expect(verifyInclusion(leafHash('something else'), p.entry.index, p.treeSize, p.proof.map((h) => Buffer.from(h, 'hex')), signed.rootHash)).toBe(false);
    const missing = await runTriad(['ledger', 'proof', 'no-such-entry'], env(pristine));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No ledger entry/);
  });

  it('purges trace content with `triad retention purge`, and the ledger still verifies', async () => {
    const home = join(root, 'purge');
    cpSync(pristine, home, { recursive: true });
    const neither = await runTriad(['retention', 'purge'], env(home));
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toMatch(/--dry-run/);
    expect((await runTriad(['retention', 'set-class', 'default', '--max-days', '0'], env(home))).code).toBe(0);
    const dry = JSON.parse((await runTriad(['retention', 'purge', '--dry-run', '--json'], env(home))).stdout) as { eligible: { traceId: string }[]; purged: number };
    expect(dry.eligible.map((c) => c.traceId)).toEqual([traceId]);
    expect(dry.purged).toBe(0);
    const done = await runTriad(['retention', 'purge', '--yes'], env(home));
    expect(done.stdout).toMatch(/Purged the content of 1 trace/);
    const shown = JSON.parse((await runTriad(['traces', 'show', traceId, '--json'], env(home))).stdout) as { output: string; input: string; purgedAt: string | null };
    expect(shown.output).toBe('');
    expect(shown.input).toBe('');
    expect(Date.parse(shown.purgedAt ?? '')).not.toBeNaN();
    const { code, report } = await verify(home);
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });
});
