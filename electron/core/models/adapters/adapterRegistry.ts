import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Source } from '../../../../shared/domain';
import { TriadError } from '../../../../shared/errors';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { Actor, AuditLog } from '../../governance/audit';
import { cancelledError } from '../../jobs/jobRunner';
import type { HomePaths } from '../../paths';
import { stageFile } from '../contentStore';
import type { ImportProgress } from '../importer';
import type { Witness } from '../integrity';
import { versionRef, type StoredModelVersion } from '../versionRows';
import { SELECT_ADAPTER, toAdapter, type AdapterRow, type StoredAdapter } from './adapterRows';
import { checkAdapterFile } from './adapterIntegrity';
import { inspectAdapter } from './inspectAdapter';

export interface AdapterImportRequest {
  file: string;
  name: string;
  /** The base model version, already resolved from the caller's reference. */
  base: StoredModelVersion;
  notes?: string | undefined;
  link?: boolean | undefined;
  actor: Actor;
  source: Source | 'system';
  onProgress?: ImportProgress | undefined;
  signal?: AbortSignal | undefined;
}

/** An adapter to apply in a run: resolved, bound to the run's model and checked on disk. */
export interface AdapterUse {
  adapter: StoredAdapter;
  scale: number;
}

/**
 * LoRA adapters as registered artifacts: versions under a name, each bound to
 * the base model version (and so the bytes) it was validated against. Files go
 * into the same content-addressed store as models, and are checked like models
 * before every load.
 */
export class AdapterRegistry {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly paths: HomePaths,
    private readonly audit: AuditLog,
    /** Integrity check of the base model's file (ModelRegistry.checkIntegrity). */
    private readonly checkBase: (v: StoredModelVersion) => Promise<void>,
  ) {}

  list(filter: { name?: string | undefined; baseSha256?: string | undefined } = {}): StoredAdapter[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.name !== undefined) {
      where.push('a.name = ?');
      args.push(filter.name);
    }
    if (filter.baseSha256 !== undefined) {
      where.push('av.base_sha256 = ?');
      args.push(filter.baseSha256);
    }
    const sql = `${SELECT_ADAPTER} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.name, av.version`;
    return (this.db.prepare(sql).all(...args) as AdapterRow[]).map(toAdapter);
  }

  async import(req: AdapterImportRequest): Promise<{ adapter: StoredAdapter; duplicate: boolean }> {
    const progress = req.onProgress ?? (() => undefined);
    const before = await stat(req.file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TriadError('NOT_FOUND', `Adapter file not found: ${req.file}`, 'Check the path.');
      throw new TriadError('MODEL_INVALID', `${req.file} cannot be read: ${(error as Error).message}`, 'Check the path and its permissions.');
    });
    if (!before.isFile()) throw new TriadError('MODEL_INVALID', `${req.file} is not a file.`, 'Choose a .gguf LoRA adapter file.');
    // The base's header is read to check shapes: make sure it is still the registered file.
    await this.checkBase(req.base);
    progress(0, null, 'Checking the adapter against its base model');
    const facts = await inspectAdapter(req.file, req.base.path, versionRef(req.base));

    const staged = await stageFile(this.paths.modelStore, req.file, before, { link: req.link, signal: req.signal, onProgress: progress });
    try {
      const { sha256 } = staged;
      const existing = this.db
        .prepare(`${SELECT_ADAPTER} WHERE a.name = ? AND av.sha256 = ? AND av.base_version_id = ?`)
        .get(req.name, sha256, req.base.id) as AdapterRow | undefined;
      if (existing) return { adapter: toAdapter(existing), duplicate: true };
      if (req.signal?.aborted) throw cancelledError('The import');
      const { path, storedMtime } = await staged.commit();
      return { adapter: this.register(req, { sha256, path, storedMtime, ...facts }), duplicate: false };
    } finally {
      await staged.discard();
    }
  }

  private register(
    req: AdapterImportRequest,
    c: { sha256: string; path: string; storedMtime: number; sizeBytes: number; architecture: string; rank: number; alpha: number | null; targets: string[] },
  ): StoredAdapter {
    const now = this.clock.now();
    const id = randomUUID();
    const tx = this.db.transaction((): StoredAdapter => {
      let adapter = this.db.prepare('SELECT id FROM adapters WHERE name = ?').get(req.name) as { id: string } | undefined;
      if (!adapter) {
        adapter = { id: randomUUID() };
        this.db.prepare('INSERT INTO adapters (id, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(adapter.id, req.name, now, req.actor.id);
      }
      const next = (this.db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM adapter_versions WHERE adapter_id = ?').get(adapter.id) as { v: number }).v;
      this.db
        .prepare(
          `INSERT INTO adapter_versions (id, adapter_id, version, sha256, size_bytes, path, storage, file_mtime_ms, base_version_id,
             base_sha256, architecture, rank, alpha, targets_json, notes, created_at, created_by, verified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          adapter.id,
          next,
          c.sha256,
          c.sizeBytes,
          c.path,
          req.link ? 'link' : 'copy',
          Math.round(c.storedMtime),
          req.base.id,
          req.base.sha256,
          c.architecture,
          c.rank,
          c.alpha,
          JSON.stringify(c.targets),
          req.notes ?? '',
          now,
          req.actor.id,
          now,
        );
      this.audit.record({
        actor: req.actor,
        source: req.source,
        action: 'adapter.import',
        target: `adapter:${req.name}@${next}`,
        after: { name: req.name, version: next, sha256: c.sha256, base: versionRef(req.base), baseSha256: req.base.sha256, rank: c.rank, targets: c.targets },
      });
      return toAdapter(this.db.prepare(`${SELECT_ADAPTER} WHERE av.id = ?`).get(id) as AdapterRow);
    });
    return tx.immediate();
  }

  /**
   * `NAME` (its newest version bound to `model`), `NAME@VERSION` or `sha256:HEX`
   * (preferring a version bound to `model`). An adapter bound to other bytes is refused.
   */
  resolveFor(ref: string, model: StoredModelVersion): StoredAdapter {
    const text = ref.trim();
    let row: AdapterRow | undefined;
    const bound = 'ORDER BY (av.base_sha256 = ?) DESC, av.version DESC LIMIT 1';
    if (text.startsWith('sha256:')) {
      const hex = text.slice('sha256:'.length).toLowerCase();
      if (!/^[0-9a-f]{6,64}$/.test(hex)) throw new TriadError('BAD_INPUT', `"${ref}" is not a valid sha256 reference.`, 'Use sha256: followed by hex digits.');
      row = this.db.prepare(`${SELECT_ADAPTER} WHERE av.sha256 LIKE ? ${bound}`).get(`${hex}%`, model.sha256) as AdapterRow | undefined;
    } else {
      const m = /^(.+)@(\d+)$/.exec(text);
      row = m
        ? (this.db.prepare(`${SELECT_ADAPTER} WHERE a.name = ? AND av.version = ?`).get(m[1], Number(m[2])) as AdapterRow | undefined)
        : (this.db.prepare(`${SELECT_ADAPTER} WHERE a.name = ? ${bound}`).get(text, model.sha256) as AdapterRow | undefined);
    }
    if (!row) {
      const known = this.list({ baseSha256: model.sha256 }).map((a) => `${a.name}@${a.version}`);
      throw new TriadError(
        'MODEL_NOT_FOUND',
        `No LoRA adapter matches "${ref}".`,
        known.length ? `Adapters for ${versionRef(model)}: ${known.join(', ')}.` : `${versionRef(model)} has no adapters yet: import one with \`triad models import-adapter FILE --base ${versionRef(model)} --name NAME\`.`,
      );
    }
    const adapter = toAdapter(row);
    if (adapter.base.sha256 !== model.sha256) {
      throw new TriadError(
        'BAD_INPUT',
        `The LoRA adapter ${adapter.name}@${adapter.version} is bound to ${adapter.base.name}@${adapter.base.version} (sha256 ${adapter.base.sha256.slice(0, 12)}…), not to ${versionRef(model)} (sha256 ${model.sha256.slice(0, 12)}…).`,
        `Run it on ${adapter.base.name}@${adapter.base.version}, or import the adapter again with --base ${versionRef(model)}.`,
      );
    }
    return adapter;
  }

  /** Resolves and checks the adapters of one run; throws before anything runs when one is wrong. */
  async forRun(uses: readonly { ref: string; scale: number }[], model: StoredModelVersion, who?: Witness): Promise<AdapterUse[]> {
    const resolved = uses.map((u) => ({ adapter: this.resolveFor(u.ref, model), scale: u.scale }));
    const ids = new Set(resolved.map((r) => r.adapter.id));
    if (ids.size !== resolved.length) throw new TriadError('BAD_INPUT', 'The same LoRA adapter is listed twice.', 'Give each adapter once, with one scale.');
    for (const r of resolved) await checkAdapterFile({ db: this.db, clock: this.clock, audit: this.audit }, r.adapter, who);
    return resolved;
  }
}
