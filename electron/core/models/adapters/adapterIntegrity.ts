import { stat } from 'node:fs/promises';
import { TriadError } from '../../../../shared/errors';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { SYSTEM_ACTOR, type AuditLog } from '../../governance/audit';
import { sha256File } from '../hashFile';
import type { Witness } from '../integrity';
import type { StoredAdapter } from './adapterRows';

/**
 * An adapter file is checked like a model's before it is loaded: a cheap
 * size/mtime check, a full re-hash when that changed, and a modified or
 * missing file refused with an incident in the audit log.
 */
export async function checkAdapterFile(
  deps: { db: Db; clock: Clock; audit: AuditLog },
  a: StoredAdapter,
  who: Witness = { actor: SYSTEM_ACTOR, source: 'system' },
): Promise<void> {
  const s = await stat(a.path).catch(() => null);
  if (s && s.size === a.sizeBytes && Math.round(s.mtimeMs) === a.fileMtimeMs) return;
  const actual = s?.isFile() ? (s.size === a.sizeBytes ? await sha256File(a.path, s.size) : `size ${s.size}`) : null;
  const ref = `${a.name}@${a.version}`;
  if (actual === a.sha256 && s) {
    // Only touched: remember the new mtime so the cheap check passes again.
    deps.db.prepare('UPDATE adapter_versions SET file_mtime_ms = ?, verified_at = ? WHERE id = ?').run(Math.round(s.mtimeMs), deps.clock.now(), a.id);
    return;
  }
  deps.audit.record({
    actor: who.actor,
    source: who.source,
    action: 'adapter.integrity_failed',
    target: `adapter:${ref}`,
    before: { sha256: a.sha256, sizeBytes: a.sizeBytes },
    after: { check: 'load', path: a.path, found: actual === null ? 'missing' : actual, sizeBytes: s?.size ?? null },
  });
  throw new TriadError(
    'MODEL_INVALID',
    actual === null ? `The file of LoRA adapter ${ref} is missing: ${a.path}.` : `The file of LoRA adapter ${ref} was modified: it no longer matches sha256 ${a.sha256.slice(0, 12)}….`,
    s ? 'Restore the original file or import the new one as a new adapter version.' : 'Restore the file or import the adapter again.',
  );
}
