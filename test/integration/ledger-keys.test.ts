import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALLATION_SECRET_FILE } from '../../electron/core/ledger/installationSecret';
import { openWorkspace } from '../../electron/core/workspace';
import { RunParamsSchema } from '../../shared/domain';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

describe('ledger: signing keys, rotation and retention', () => {
  const open: DemoFixture[] = [];
  afterEach(async () => {
    for (const f of open.splice(0)) await f.close();
  });
  const fixture = async () => {
    const f = await openDemoFixture();
    open.push(f);
    return f;
  };

  it('records every audit event in the ledger, with the public keys, and keeps the installation secret private', async () => {
    const { ws, home } = await fixture();
    const events = ws.db.prepare('SELECT id FROM audit_events').pluck().all() as string[];
    expect(events.length).toBeGreaterThan(2);
    for (const id of events) expect(ws.ledger.log.entryByRef(id)?.kind).toBe('audit');
    const keyEvents = ws.audit.recent().filter((e) => e.action === 'key.create');
    expect(keyEvents.map((e) => e.target)).toEqual(expect.arrayContaining(ws.ledger.keys.list().map((k) => `key:${k.id}`)));
    expect(statSync(join(home, 'keys', INSTALLATION_SECRET_FILE)).mode & 0o777).toBe(0o600);
    // No private key material in the clear: the database holds only envelopes.
    const dump = JSON.stringify(ws.db.prepare('SELECT private_key_enc FROM signing_keys').all());
    expect(dump).toContain('aes-256-gcm');
    expect(dump).not.toContain('PRIVATE KEY');
  });

  it('unlocks a user key only with the right password, and carries it over a password change', async () => {
    const { ws, admin } = await fixture();
    await expect(ws.ledger.keys.unlockUserKey(admin.id, 'not-the-password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const signer = await ws.ledger.keys.unlockUserKey(admin.id, ADMIN.password);
    expect(signer.keyId).toBe(ws.ledger.keys.activeUserKey(admin.id)?.id);

    await ws.users.changePassword(admin, ADMIN.password, 'another-horse-22', 'cli', null);
    await expect(ws.ledger.keys.unlockUserKey(admin.id, ADMIN.password)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await ws.ledger.keys.unlockUserKey(admin.id, 'another-horse-22')).keyId).toBe(signer.keyId);
  });

  it('keeps earlier checkpoints verifiable after the installation key is rotated', async () => {
    const { ws, admin } = await fixture();
    const first = ws.ledger.checkpoint('manual');
    const rotated = ws.ledger.rotateInstallationKey({ id: admin.id, username: admin.username, role: admin.role }, 'cli');
    expect(rotated.key.id).not.toBe(first.key_id);
    expect(rotated.checkpoint.key_id).toBe(rotated.key.id);
    expect(ws.ledger.keys.get(first.key_id)?.retiredAt).not.toBeNull();
    const report = ws.ledger.verify();
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
    const proof = ws.ledger.consistency(first.seq, rotated.checkpoint.seq);
    expect(proof.verified).toBe(true);
  });

  it('creates the installation key once, and reopening keeps it', async () => {
    const { home, cleanup } = makeTempHome();
    try {
      const a = openWorkspace({ home });
      const key = a.ledger.keys.activeInstallationKey();
      await a.close();
      const b = openWorkspace({ home });
      expect(b.ledger.keys.activeInstallationKey()?.id).toBe(key?.id);
      expect(b.ledger.verify().ok).toBe(true);
      await b.close();
    } finally {
      cleanup();
    }
  });

  it('purges trace content past its class, respects legal holds, and still verifies', async () => {
    const f = await fixture();
    const { ws, admin } = f;
    const actor = { id: admin.id, username: admin.username, role: admin.role };
    // Two finished traces, written through the trace store as a run would.
    const model = ws.models.resolve('demo-assistant@1');
    for (const id of ['t-old', 't-kept']) {
      ws.traces.start({ id, userId: admin.id, username: admin.username, source: 'cli', model, input: `secret input ${id}`, params: { ...RunParamsSchema.parse({}), seed: 1 } });
      ws.traces.fail(id, `secret output ${id}`, { code: 'RUN_FAILED', message: 'test' });
    }
    expect(ws.ledger.verify().ok).toBe(true);
    ws.ledger.checkpoint('manual');

    ws.retention.setClass({ name: 'default', model: null, minAgeDays: 0, maxAgeDays: 0 }, actor, 'cli');
    const hold = ws.retention.placeHold({ scope: 'all', reason: 'case 42' }, actor, 'cli');
    await new Promise((r) => setTimeout(r, 5));
    expect(ws.retention.plan().eligible).toEqual([]);
    expect(ws.retention.plan().held.map((c) => c.traceId)).toEqual(expect.arrayContaining(['t-old', 't-kept']));
    ws.retention.releaseHold(hold.id, actor, 'cli');
    ws.retention.placeHold({ scope: 'trace:t-kept', reason: 'case 43' }, actor, 'cli');

    const result = ws.retention.purge(actor, 'cli');
    expect(result.eligible.map((c) => c.traceId)).toContain('t-old');
    expect(result.held.map((c) => c.traceId)).toEqual(['t-kept']);
    expect(ws.traces.get('t-old').input).toBe('');
    expect(ws.traces.get('t-old').output).toBe('');
    expect(ws.traces.get('t-kept').output).toBe('secret output t-kept');
    // The trace says it was purged, and when, instead of looking like an empty run.
    expect(Date.parse(ws.traces.get('t-old').purgedAt ?? '')).not.toBeNaN();
    expect(ws.traces.get('t-kept').purgedAt).toBeNull();
    const listed = ws.traces.list({ limit: 50, offset: 0 });
    expect(listed.find((t) => t.id === 't-old')?.purgedAt).toBe(ws.traces.get('t-old').purgedAt);
    expect(listed.find((t) => t.id === 't-kept')?.purgedAt).toBeNull();
    // The salt went with the content: the commitment can no longer confirm a guess.
    const entry = ws.ledger.log.entryByRef('t-old')!;
    expect(ws.db.prepare('SELECT count(*) FROM ledger_salts WHERE entry_idx = ? AND salt IS NOT NULL').pluck().get(entry.index)).toBe(0);
    expect(JSON.stringify(ws.db.prepare("SELECT * FROM trace_search WHERE trace_id = 't-old'").all())).not.toContain('secret');

    const purgeEvent = ws.audit.recent().find((e) => e.action === 'retention.purge');
    expect(purgeEvent).toBeDefined();
    expect(ws.ledger.log.entryByRef(purgeEvent!.id)).not.toBeNull();
    const report = ws.ledger.verify();
    expect(report.problems).toEqual([]);

    expect(() => ws.retention.setClass({ name: 'default', model: null, minAgeDays: 30, maxAgeDays: 7 }, actor, 'cli')).toThrow(/below the minimum/);
    expect(() => ws.retention.placeHold({ scope: 'everything', reason: 'x' }, actor, 'cli')).toThrow(/not a hold scope/);
  });
});
