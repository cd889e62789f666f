import type { z } from 'zod';
import type { CheckpointSchema, SigningKeySchema } from '../../../../shared/methods/ledger';
import { TriadError } from '../../../../shared/errors';
import { iso } from '../../clock';
import { actorOf } from '../../governance/users';
import type { CheckpointRow } from '../../ledger/checkpoints';
import type { SigningKeyInfo } from '../../ledger/keyStore';
import type { LedgerEntry } from '../../ledger/ledger';
import type { PurgeCandidate } from '../../ledger/retention';
import { publicKeyPem } from '../../ledger/signedNote';
import { signedIn, type AreaFactory } from './types';

export function checkpointOut(c: CheckpointRow): z.infer<typeof CheckpointSchema> {
  return { seq: c.seq, size: c.size, rootHash: c.root_hash, at: iso(c.at), keyId: c.key_id, reason: c.reason, note: c.note };
}

export function keyOut(k: SigningKeyInfo): z.infer<typeof SigningKeySchema> {
  return { ...k, createdAt: iso(k.createdAt), retiredAt: k.retiredAt === null ? null : iso(k.retiredAt), status: k.retiredAt === null ? 'active' : 'retired' };
}

/** A full key id or an unambiguous prefix of one (the CLI and UI show ids shortened). */
function findKey(keys: SigningKeyInfo[], ref: string): SigningKeyInfo {
  const matches = keys.filter((k) => k.id.startsWith(ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new TriadError('NOT_FOUND', `No signing key has an id starting with "${ref}".`, 'List them with `triad ledger keys`.');
  throw new TriadError('BAD_INPUT', `${matches.length} keys have ids starting with "${ref}".`, 'Give more characters of the id.');
}

function entrySummary(e: LedgerEntry): string {
  try {
    const record = (JSON.parse(e.body) as { record: Record<string, unknown> }).record;
    if (e.kind === 'audit') {
      const actor = (record.actor as { username?: string } | null)?.username ?? '?';
      return `${String(record.action)} by ${actor}${record.target ? ` on ${String(record.target)}` : ''}`;
    }
    return `${String(record.model_name)}@${String(record.model_version)} · ${String(record.status)} · ${String(record.username)}`;
  } catch {
    return 'unreadable (run verify)';
  }
}

const candidateOut = (c: PurgeCandidate) => ({ ...c, endedAt: iso(c.endedAt) });

export const ledgerHandlers: AreaFactory<'ledger'> = (ws) => ({
  'ledger.status': () => {
    const s = ws.ledger.status();
    return {
      ...s,
      lastCheckpoint: s.lastCheckpoint ? checkpointOut(s.lastCheckpoint) : null,
      lastVerification: s.lastVerification ? { ...s.lastVerification, at: iso(s.lastVerification.at) } : null,
      installationKey: s.installationKey ? keyOut(s.installationKey) : null,
    };
  },
  'ledger.verify': async (ctx, input) => {
    const user = signedIn(ctx);
    const r = await ws.jobs.run({ jobId: input.jobId, label: 'Verifying the ledger', owner: user, emit: ctx.emit }, (job) =>
      ws.ledger.verifyRecorded(actorOf(user), ctx.source, (p) => job.progress(p.done, p.total, p.label), () => job.throwIfCancelled()),
    );
    return { ...r, checkedAt: iso(r.checkedAt) };
  },
  'ledger.cancelJob': (ctx, input) => ({ cancelled: ws.jobs.cancel(input.jobId, signedIn(ctx)) }),
  'ledger.publicKey': (_ctx, input) => {
    const key = input.keyId !== undefined ? findKey(ws.ledger.keys.list(), input.keyId) : ws.ledger.keys.activeInstallationKey();
    if (!key) throw new TriadError('NOT_FOUND', 'This workspace has no installation key.', 'Reopen the workspace; it creates one.');
    return { key: keyOut(key), pem: publicKeyPem(Buffer.from(key.publicKey, 'base64')) };
  },
  'ledger.rotateMyKey': async (ctx, input) => {
    const user = signedIn(ctx);
    // The sign-in check counts wrong tries towards lockout, as a password change does.
    await ws.users.authenticate(user.username, input.password, ctx.source);
    const before = ws.ledger.keys.activeUserKey(user.id);
    const key = await ws.ledger.keys.rotateUserKey(user, input.password, ctx.source);
    const retired = before ? ws.ledger.keys.get(before.id) : null;
    return { key: keyOut(key), retired: retired ? keyOut(retired) : null };
  },
  'ledger.cosign': async (ctx, input) => {
    const user = signedIn(ctx);
    await ws.users.authenticate(user.username, input.password, ctx.source);
    const signer = await ws.ledger.keys.unlockUserKey(user.id, input.password);
    return checkpointOut(ws.ledger.cosignLatest(signer, actorOf(user), ctx.source));
  },
  'ledger.entries': (_ctx, input) => ws.ledger.entries(input.limit, input.offset).map((e) => ({ index: e.index, kind: e.kind, ref: e.ref, at: iso(e.at), summary: entrySummary(e) })),
  'ledger.checkpoints': (_ctx, input) => ws.ledger.checkpoints.recent(input.limit).map(checkpointOut),
  'ledger.checkpoint': () => checkpointOut(ws.ledger.checkpoint('manual')),
  'ledger.proof': (_ctx, input) => {
    const p = ws.ledger.proof(input.entry);
    return {
      ...p,
      entry: { ...p.entry, at: iso(p.entry.at) },
      checkpoint: p.checkpoint ? { ...p.checkpoint, at: iso(p.checkpoint.at) } : null,
    };
  },
  'ledger.consistency': (_ctx, input) => ws.ledger.consistency(input.from, input.to),
  'ledger.keys': () => ws.ledger.keys.list().map(keyOut),
  'ledger.rotateKey': (ctx) => {
    const r = ws.ledger.rotateInstallationKey(actorOf(signedIn(ctx)), ctx.source);
    return { key: keyOut(r.key), checkpoint: checkpointOut(r.checkpoint) };
  },
});

export const retentionHandlers: AreaFactory<'retention'> = (ws) => ({
  'retention.classes': () => ws.retention.classes().map((c) => ({ ...c, updatedAt: iso(c.updatedAt) })),
  'retention.setClass': (ctx, input) => {
    const c = ws.retention.setClass(input, actorOf(signedIn(ctx)), ctx.source);
    return { ...c, updatedAt: iso(c.updatedAt) };
  },
  'retention.holds': (_ctx, input) =>
    ws.retention.holds(input.includeReleased).map((h) => ({ ...h, createdAt: iso(h.createdAt), releasedAt: h.releasedAt === null ? null : iso(h.releasedAt) })),
  'retention.placeHold': (ctx, input) => {
    const h = ws.retention.placeHold(input, actorOf(signedIn(ctx)), ctx.source);
    return { ...h, createdAt: iso(h.createdAt), releasedAt: null };
  },
  'retention.releaseHold': (ctx, input) => {
    const h = ws.retention.releaseHold(input.id, actorOf(signedIn(ctx)), ctx.source);
    return { ...h, createdAt: iso(h.createdAt), releasedAt: h.releasedAt === null ? null : iso(h.releasedAt) };
  },
  'retention.purge': (ctx, input) => {
    const r = input.dryRun ? { ...ws.retention.plan(), purged: 0 } : ws.retention.purge(actorOf(signedIn(ctx)), ctx.source);
    return { dryRun: input.dryRun, purged: r.purged, eligible: r.eligible.map(candidateOut), held: r.held.map(candidateOut) };
  },
});
