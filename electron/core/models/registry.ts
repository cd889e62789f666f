import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSummary, ModelVersion, Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import type { HomePaths } from '../paths';
import { readGgufInfo } from './gguf/readGgufInfo';
import { sha256File, type ProgressFn } from './hashFile';
import { parseModelRef } from './modelRef';

interface VersionRow {
  id: string;
  name: string;
  version: number;
  sha256: string;
  size_bytes: number;
  path: string;
  file_mtime_ms: number;
  architecture: string;
  parameter_count: number | null;
  context_length: number | null;
  file_type: string | null;
  notes: string;
  stage: string;
  created_at: number;
  created_by_name: string | null;
}

const SELECT_VERSION = `
  SELECT v.id, m.name, v.version, v.sha256, v.size_bytes, v.path, v.file_mtime_ms, v.architecture,
         v.parameter_count, v.context_length, v.file_type, v.notes, v.stage, v.created_at,
         u.username AS created_by_name
  FROM model_versions v JOIN models m ON m.id = v.model_id LEFT JOIN users u ON u.id = v.created_by`;

/** A registered version plus where its file lives (core-only, never sent to clients). */
export interface StoredModelVersion extends ModelVersion {
  path: string;
  fileMtimeMs: number;
}

function toVersion(row: VersionRow): StoredModelVersion {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    architecture: row.architecture,
    parameterCount: row.parameter_count,
    contextLength: row.context_length,
    fileType: row.file_type,
    stage: row.stage,
    notes: row.notes,
    createdAt: iso(row.created_at),
    createdBy: row.created_by_name ?? 'system',
    path: row.path,
    fileMtimeMs: row.file_mtime_ms,
  };
}

export function publicVersion(v: StoredModelVersion): ModelVersion {
  const { path: _path, fileMtimeMs: _mtime, ...rest } = v;
  return rest;
}

export interface ImportRequest {
  file: string;
  name: string;
  notes?: string;
  /** Keep the file where it is instead of copying it into the store. */
  link?: boolean;
  actor: Actor;
  source: Source | 'system';
  onProgress?: ProgressFn;
}

export class ModelRegistry {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly paths: HomePaths,
    private readonly audit: AuditLog,
  ) {}

  list(): ModelSummary[] {
    const rows = this.db.prepare(`${SELECT_VERSION} ORDER BY m.name, v.version`).all() as VersionRow[];
    const byName = new Map<string, ModelVersion[]>();
    for (const row of rows) {
      const list = byName.get(row.name) ?? [];
      list.push(publicVersion(toVersion(row)));
      byName.set(row.name, list);
    }
    return [...byName].map(([name, versions]) => ({ name, versions }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM model_versions').get() as { n: number }).n;
  }

  /** Resolves NAME, NAME@VERSION or sha256:HEX; an unknown reference lists what exists. */
  resolve(ref: string): StoredModelVersion {
    const parsed = parseModelRef(ref);
    let row: VersionRow | undefined;
    switch (parsed.kind) {
      case 'sha256':
        row = this.db.prepare(`${SELECT_VERSION} WHERE v.sha256 LIKE ? ORDER BY v.created_at DESC LIMIT 1`).get(`${parsed.sha256}%`) as
          | VersionRow
          | undefined;
        break;
      case 'version':
        row = this.db.prepare(`${SELECT_VERSION} WHERE m.name = ? AND v.version = ?`).get(parsed.name, parsed.version) as
          | VersionRow
          | undefined;
        break;
      case 'name':
        // Until labels and approvals exist (model registry issue): the newest version.
        row = this.db.prepare(`${SELECT_VERSION} WHERE m.name = ? ORDER BY v.version DESC LIMIT 1`).get(parsed.name) as
          | VersionRow
          | undefined;
        break;
      case 'label':
        throw new TriadError('MODEL_NOT_FOUND', `Model labels are not supported yet ("${ref}").`, 'Use NAME@VERSION, for example demo-assistant@1.');
    }
    if (!row) throw this.notFound(ref);
    return toVersion(row);
  }

  private notFound(ref: string): TriadError {
    const known = this.list().flatMap((m) => m.versions.map((v) => `${m.name}@${v.version}`));
    return new TriadError(
      'MODEL_NOT_FOUND',
      `No model matches "${ref}".`,
      known.length ? `Known models: ${known.join(', ')}.` : 'No models are registered yet: run `triad demo` or import a GGUF file.',
    );
  }

  /**
   * Registers a GGUF file as the next version of `name`. The file is validated
   * and hashed before anything is written; the same bytes under the same name
   * return the existing version.
   */
  async import(req: ImportRequest): Promise<{ version: StoredModelVersion; duplicate: boolean }> {
    const info = await readGgufInfo(req.file);
    const before = await stat(req.file);
    const sha256 = await sha256File(req.file, before.size, req.onProgress);
    const after = await stat(req.file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new TriadError('MODEL_INVALID', `${req.file} changed while it was being imported.`, 'Import it again once nothing is writing to it.');
    }
    const existing = this.db
      .prepare(`${SELECT_VERSION} WHERE m.name = ? AND v.sha256 = ?`)
      .get(req.name, sha256) as VersionRow | undefined;
    if (existing) return { version: toVersion(existing), duplicate: true };

    let path = req.file;
    let storedMtime = after.mtimeMs;
    if (!req.link) {
      await mkdir(this.paths.modelStore, { recursive: true });
      path = join(this.paths.modelStore, `${sha256}.gguf`);
      const present = await stat(path).catch(() => null);
      if (!present || present.size !== after.size) {
        const partial = join(this.paths.modelStore, `.${sha256}.${randomUUID()}.partial`);
        try {
          await copyFile(req.file, partial);
          await rename(partial, path);
        } finally {
          await rm(partial, { force: true });
        }
      }
      storedMtime = (await stat(path)).mtimeMs;
    }

    const now = this.clock.now();
    const id = randomUUID();
    const register = this.db.transaction((): number => {
      let model = this.db.prepare('SELECT id FROM models WHERE name = ?').get(req.name) as { id: string } | undefined;
      if (!model) {
        model = { id: randomUUID() };
        this.db.prepare('INSERT INTO models (id, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(model.id, req.name, now, req.actor.id);
      }
      const next = (this.db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM model_versions WHERE model_id = ?').get(model.id) as {
        v: number;
      }).v;
      this.db
        .prepare(
          `INSERT INTO model_versions (id, model_id, version, sha256, size_bytes, path, storage, file_mtime_ms, architecture,
             parameter_count, context_length, file_type, metadata_json, notes, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          model.id,
          next,
          sha256,
          after.size,
          path,
          req.link ? 'link' : 'copy',
          Math.round(storedMtime),
          info.architecture,
          info.parameterCount ?? null,
          info.contextLength ?? null,
          info.fileType === undefined || info.fileType === null ? null : String(info.fileType),
          JSON.stringify(info),
          req.notes ?? '',
          now,
          req.actor.id,
        );
      this.audit.record({
        actor: req.actor,
        source: req.source,
        action: 'model.import',
        target: `model:${req.name}@${next}`,
        after: { name: req.name, version: next, sha256, sizeBytes: after.size },
      });
      return next;
    });
    const version = register.immediate();
    return { version: this.resolve(`${req.name}@${version}`), duplicate: false };
  }

  /**
   * Refuses to load a file that is no longer the one registered: a cheap
   * size/mtime check on every load, a full re-hash when that check changes.
   */
  async checkIntegrity(v: StoredModelVersion): Promise<void> {
    const s = await stat(v.path).catch(() => null);
    if (!s) {
      throw new TriadError('MODEL_INVALID', `The file of ${v.name}@${v.version} is missing: ${v.path}.`, 'Restore the file or import the model again.');
    }
    if (s.size === v.sizeBytes && Math.round(s.mtimeMs) === v.fileMtimeMs) return;
    const sha = s.size === v.sizeBytes ? await sha256File(v.path, s.size) : null;
    if (sha !== v.sha256) {
      throw new TriadError(
        'MODEL_INVALID',
        `The file of ${v.name}@${v.version} was modified: it no longer matches sha256 ${v.sha256.slice(0, 12)}….`,
        'Restore the original file or import the new one as a new version.',
      );
    }
    this.db.prepare('UPDATE model_versions SET file_mtime_ms = ? WHERE id = ?').run(Math.round(s.mtimeMs), v.id);
  }
}
