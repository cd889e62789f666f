import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { ModelMetadata } from '../../../shared/methods/models';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import type { HomePaths } from '../paths';
import { cancelledError } from '../jobs/jobRunner';
import { stageFile } from './contentStore';
import { readModelMetadata } from './modelMetadata';
import { SELECT_VERSION, toVersion, versionRef, type StoredModelVersion, type VersionRow } from './versionRows';

export type ImportProgress = (done: number, total: number | null, label: string) => void;

export interface ImportRequest {
  file: string;
  name: string;
  notes?: string | undefined;
  /** Keep the file where it is instead of copying it into the store. */
  link?: boolean | undefined;
  actor: Actor;
  source: Source | 'system';
  onProgress?: ImportProgress | undefined;
  signal?: AbortSignal | undefined;
}

export interface ImportOutcome {
  version: StoredModelVersion;
  metadata: ModelMetadata;
  duplicate: boolean;
  sameBytesAs: string[];
}

interface Deps {
  db: Db;
  clock: Clock;
  paths: HomePaths;
  audit: AuditLog;
}

function unreadable(file: string, error: unknown): TriadError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new TriadError('NOT_FOUND', `Model file not found: ${file}`, 'Check the path; it must be a file on this machine.');
  if (code === 'EACCES' || code === 'EPERM') {
    return new TriadError('MODEL_INVALID', `${file} cannot be read (permission denied).`, 'Make the file readable by the user running Triad.');
  }
  return new TriadError('MODEL_INVALID', `${file} cannot be read: ${(error as Error).message}`, 'Check the path and try again.');
}

/**
 * Registers a GGUF file as the next version of `name`. Nothing is written to the
 * database until the file has been validated, hashed (and, unless linked, copied
 * into the content-addressed store in the same pass) and shown not to have
 * changed meanwhile; the same bytes under the same name return the existing version.
 */
export async function importModel(deps: Deps, req: ImportRequest): Promise<ImportOutcome> {
  const { db, paths } = deps;
  const progress = req.onProgress ?? (() => undefined);
  const before = await stat(req.file).catch((error: unknown) => {
    throw unreadable(req.file, error);
  });
  if (!before.isFile()) throw new TriadError('MODEL_INVALID', `${req.file} is not a file.`, 'Choose a .gguf model file.');
  progress(0, null, 'Reading GGUF metadata');
  const metadata = await readModelMetadata(req.file);

  const staged = await stageFile(paths.modelStore, req.file, before, {
    link: req.link,
    signal: req.signal,
    onProgress: progress,
    readError: (error) => unreadable(req.file, error),
  });
  try {
    const { sha256 } = staged;
    const existing = db.prepare(`${SELECT_VERSION} WHERE m.name = ? AND v.sha256 = ?`).get(req.name, sha256) as VersionRow | undefined;
    if (existing) return { version: toVersion(existing), metadata, duplicate: true, sameBytesAs: [] };
    const twins = (db.prepare(`${SELECT_VERSION} WHERE v.sha256 = ? ORDER BY m.name, v.version`).all(sha256) as VersionRow[]).map((r) =>
      versionRef(r),
    );

    // Last point at which a cancel leaves nothing behind.
    if (req.signal?.aborted) throw cancelledError('The import');
    const { path, storedMtime } = await staged.commit();
    const version = register(deps, req, { sha256, sizeBytes: before.size, path, storedMtime, metadata });
    return { version, metadata, duplicate: false, sameBytesAs: twins };
  } finally {
    await staged.discard();
  }
}

interface Checked {
  sha256: string;
  sizeBytes: number;
  path: string;
  storedMtime: number;
  metadata: ModelMetadata;
}

function register(deps: Deps, req: ImportRequest, c: Checked): StoredModelVersion {
  const { db, audit } = deps;
  const now = deps.clock.now();
  const id = randomUUID();
  const tx = db.transaction((): StoredModelVersion => {
    let model = db.prepare('SELECT id FROM models WHERE name = ?').get(req.name) as { id: string } | undefined;
    if (!model) {
      model = { id: randomUUID() };
      db.prepare('INSERT INTO models (id, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(model.id, req.name, now, req.actor.id);
    }
    const next = (db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM model_versions WHERE model_id = ?').get(model.id) as { v: number }).v;
    db.prepare(
      `INSERT INTO model_versions (id, model_id, version, sha256, size_bytes, path, storage, file_mtime_ms, architecture,
         parameter_count, context_length, file_type, metadata_json, notes, created_at, created_by, verified_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      model.id,
      next,
      c.sha256,
      c.sizeBytes,
      c.path,
      req.link ? 'link' : 'copy',
      Math.round(c.storedMtime),
      c.metadata.architecture,
      c.metadata.parameterCount,
      c.metadata.contextLength,
      c.metadata.fileType,
      JSON.stringify(c.metadata),
      req.notes ?? '',
      now,
      req.actor.id,
      now,
    );
    audit.record({
      actor: req.actor,
      source: req.source,
      action: 'model.import',
      target: `model:${req.name}@${next}`,
      after: { name: req.name, version: next, sha256: c.sha256, sizeBytes: c.sizeBytes, storage: req.link ? 'link' : 'copy' },
    });
    return toVersion(db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(id) as VersionRow);
  });
  return tx.immediate();
}
