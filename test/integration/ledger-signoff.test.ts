import { afterEach, describe, expect, it } from 'vitest';
import { splitNote, verifyNoteSignature } from '../../electron/core/ledger/signedNote';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { TriadEvent } from '../../shared/events';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { ADMIN } from '../helpers/tempHome';

describe('ledger: user keys, co-signed checkpoints, verification as a job', () => {
  const open: DemoFixture[] = [];
  afterEach(async () => {
    for (const f of open.splice(0)) await f.close();
  });
  const fixture = async () => {
    const f = await openDemoFixture();
    open.push(f);
    const call = <M extends MethodName>(method: M, input: MethodInput<M>, emit?: (e: TriadEvent) => void) =>
      f.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: f.admin }, source: 'cli', ...(emit ? { emit } : {}) }) as Promise<MethodOutput<M>>;
    return { ...f, call };
  };

  it('a co-signature by a user key still verifies after that user rotates their key; a wrong password rotates nothing', async () => {
    const { ws, admin, call } = await fixture();
    await call('ledger.checkpoint', {});
    const cosigned = await call('ledger.cosign', { password: ADMIN.password });
    const note = splitNote(cosigned.note)!;
    expect(note.signatures).toHaveLength(2);
    const oldKey = ws.ledger.keys.activeUserKey(admin.id)!;
    expect(note.signatures[1]!.name).toBe(oldKey.name);
    await expect(call('ledger.cosign', { password: ADMIN.password })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });

    await expect(call('ledger.rotateMyKey', { password: 'not-the-password' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(ws.ledger.keys.activeUserKey(admin.id)?.id).toBe(oldKey.id);

    const rotated = await call('ledger.rotateMyKey', { password: ADMIN.password });
    expect(rotated.key.id).not.toBe(oldKey.id);
    expect(rotated.retired).toMatchObject({ id: oldKey.id, status: 'retired' });
    const keys = await call('ledger.keys', {});
    expect(keys.find((k) => k.id === oldKey.id)?.status).toBe('retired');
    expect(keys.find((k) => k.id === rotated.key.id)?.status).toBe('active');
    expect(keys.filter((k) => k.ownerKind === 'installation' && k.status === 'active')).toHaveLength(1);
    expect(ws.audit.recent().some((e) => e.action === 'key.rotate' && e.target === `key:${rotated.key.id}`)).toBe(true);

    // The old signature: checked by hand with the retired public key, and by verify.
    const stored = ws.ledger.checkpoints.get(cosigned.seq)!;
    const again = splitNote(stored.note)!;
    expect(verifyNoteSignature(again.text, again.signatures[1]!, Buffer.from(oldKey.publicKey, 'base64'))).toBe(true);
    expect(ws.ledger.verify().problems).toEqual([]);
    // The new key can sign off too, and the new key's password is still the account's.
    await call('ledger.checkpoint', {});
    expect(splitNote((await call('ledger.cosign', { password: ADMIN.password })).note)!.signatures).toHaveLength(2);
    expect(ws.ledger.verify().problems).toEqual([]);

    // A forged co-signature line is caught.
    const forged = stored.note.replace(/(\u2014 \S+ )([A-Za-z0-9+/]{8})/g, (m, head: string, b64: string, offset: number) =>
      offset > stored.note.indexOf('\u2014') ? `${head}${b64.split('').reverse().join('')}` : m,
    );
    expect(forged).not.toBe(stored.note);
    ws.db.prepare('UPDATE ledger_checkpoints SET note = ? WHERE seq = ?').run(forged, cosigned.seq);
    expect(ws.ledger.verify().problems.map((p) => p.code)).toContain('CHECKPOINT_BAD_SIGNATURE');
  });

  it('exports a public key as PEM, by default the installation key', async () => {
    const { ws, admin, call } = await fixture();
    const inst = await call('ledger.publicKey', {});
    expect(inst.key.id).toBe(ws.ledger.keys.activeInstallationKey()?.id);
    expect(inst.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const mine = await call('ledger.publicKey', { keyId: ws.ledger.keys.activeUserKey(admin.id)!.id.slice(0, 10) });
    expect(mine.key.ownerKind).toBe('user');
    expect(mine.pem).not.toBe(inst.pem);
  });

  it('verifies a large ledger as a job: progress while it runs, a recorded outcome, cancellable', async () => {
    const { ws, call } = await fixture();
    ws.db.transaction(() => {
      for (let i = 0; i < 5000; i++) ws.audit.record({ actor: { id: null, username: 'system', role: null }, source: 'system', action: 'test.bulk', target: `n:${i}` });
    })();
    const events: TriadEvent[] = [];
    let verifyDone = false;
    const running = call('ledger.verify', { jobId: 'verify-job-1' }, (e) => events.push(e)).finally(() => (verifyDone = true));
    // The event loop is not held: another call completes while verify is still working.
    await new Promise((r) => setImmediate(r));
    await call('ledger.status', {});
    expect(verifyDone).toBe(false);
    const report = await running;
    expect(report.ok).toBe(true);
    const progress = events.filter((e): e is Extract<TriadEvent, { type: 'job.progress' }> => e.type === 'job.progress');
    expect(progress.every((e) => e.jobId === 'verify-job-1')).toBe(true);
    expect(new Set(progress.map((e) => e.label))).toEqual(new Set(['Verifying the ledger', 'Recomputing entry hashes', 'Rebuilding the tree', 'Checking signed checkpoints', 'Comparing audit events and traces']));
    expect(progress.some((e) => e.label === 'Recomputing entry hashes' && e.total !== null && e.done > 0 && e.done < e.total)).toBe(true);

    const recorded = ws.db.prepare("SELECT after_json FROM audit_events WHERE action = 'ledger.verify'").pluck().all() as string[];
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!)).toMatchObject({ ok: true, size: report.size, problemCount: 0 });
    // Its own record does not count as new since the check; a later event does.
    expect((await call('ledger.status', {})).sinceVerification).toBe(0);
    ws.ledger.checkpoint('manual');
    await call('ledger.checkpoint', {});
    ws.audit.record({ actor: { id: null, username: 'system', role: null }, source: 'system', action: 'test.later' });
    expect((await call('ledger.status', {})).sinceVerification).toBe(1);

    const verifications = () => ws.db.prepare('SELECT count(*) FROM ledger_verifications').pluck().get() as number;
    const before = verifications();
    const cancelled = call('ledger.verify', { jobId: 'verify-job-2' }, (e) => {
      if (e.type === 'job.progress' && e.done > 0) void call('ledger.cancelJob', { jobId: 'verify-job-2' });
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(verifications()).toBe(before);
  }, 60_000);

  it('signs a checkpoint at every traces export', async () => {
    const { ws, call } = await fixture();
    const before = ws.ledger.checkpoints.latest()?.seq ?? 0;
    await call('traces.export', { format: 'jsonl', limit: 10 });
    const cp = ws.ledger.checkpoints.latest()!;
    expect(cp.seq).toBeGreaterThan(before);
    expect(cp.reason).toBe('export');
    // It covers the export's own audit event.
    expect(cp.size).toBe(ws.ledger.log.size());
    expect(ws.audit.recent()[0]?.action).toBe('traces.export');
  });
});
