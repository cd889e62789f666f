import { TriadError } from '../../../shared/errors';
import { ModelMetadataSchema, type ModelDetail, type LabelState, type ModelMetadata } from '../../../shared/methods/models';
import type { ModelSummary } from '../../../shared/domain';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuditLog } from '../governance/audit';
import type { HomePaths } from '../paths';
import { AdapterRegistry } from './adapters/adapterRegistry';
import { publicAdapter } from './adapters/adapterRows';
import { ModelCards } from './cards';
import { importModel, type ImportOutcome, type ImportRequest } from './importer';
import { ModelIntegrity, type Witness } from './integrity';
import { ModelLabels, PRODUCTION_LABEL } from './labels';
import { ModelLifecycle } from './lifecycle';
import { parseModelRef } from './modelRef';
import { UploadStore } from './uploads';
import { publicVersion, SELECT_VERSION, toVersion, versionRef, type StoredModelVersion, type VersionRow } from './versionRows';

export { publicVersion, type StoredModelVersion } from './versionRows';
export type { ImportRequest } from './importer';

export type ResolvedVia = 'production' | 'approved' | 'newest';

/**
 * The model registry: versions under a name, found by reference
 * (NAME, NAME@3, NAME@label, sha256:HEX). Its parts — lifecycle, labels,
 * cards, integrity, uploads — share its database and audit log.
 */
export class ModelRegistry {
  readonly lifecycle: ModelLifecycle;
  readonly labels: ModelLabels;
  readonly cards: ModelCards;
  readonly integrity: ModelIntegrity;
  readonly uploads: UploadStore;
  /** LoRA adapters bound to versions of these models. */
  readonly adapters: AdapterRegistry;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly paths: HomePaths,
    private readonly audit: AuditLog,
  ) {
    this.lifecycle = new ModelLifecycle(db, clock, audit);
    this.labels = new ModelLabels(db, clock, audit);
    this.cards = new ModelCards(db, clock, audit);
    this.integrity = new ModelIntegrity(db, clock, audit);
    this.uploads = new UploadStore(paths.tmp, clock);
    this.adapters = new AdapterRegistry(db, clock, paths, audit, (v) => this.checkIntegrity(v));
  }

  list(): (ModelSummary & { labels: LabelState[] })[] {
    const rows = this.db.prepare(`${SELECT_VERSION} ORDER BY m.name, v.version`).all() as VersionRow[];
    const byName = new Map<string, { modelId: string; versions: ModelSummary['versions'] }>();
    for (const row of rows) {
      const entry = byName.get(row.name) ?? { modelId: row.model_id, versions: [] };
      entry.versions.push(publicVersion(toVersion(row)));
      byName.set(row.name, entry);
    }
    return [...byName].map(([name, e]) => ({ name, versions: e.versions, labels: this.labels.current(e.modelId) }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM model_versions').get() as { n: number }).n;
  }

  /** Resolves NAME, NAME@VERSION, NAME@LABEL or sha256:HEX; an unknown reference lists what exists. */
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
        row = this.db.prepare(`${SELECT_VERSION} WHERE m.name = ? AND v.version = ?`).get(parsed.name, parsed.version) as VersionRow | undefined;
        break;
      case 'name':
        return this.resolveName(parsed.name)?.version ?? this.throwNotFound(ref);
      case 'label': {
        const modelId = this.modelId(parsed.name);
        const versionId = this.labels.versionIdFor(modelId, parsed.label);
        if (versionId === null) {
          const labels = this.labels.current(modelId).map((l) => `${parsed.name}@${l.label}`);
          throw new TriadError(
            'MODEL_NOT_FOUND',
            `${parsed.name} has no label "${parsed.label}".`,
            labels.length ? `Its labels: ${labels.join(', ')}.` : `It has no labels yet; use NAME@VERSION, or set one with triad models label.`,
          );
        }
        row = this.db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
        break;
      }
    }
    return row ? toVersion(row) : this.throwNotFound(ref);
  }

  /**
   * What a bare NAME means: the production label if set, else the newest approved
   * version, else (so a fresh import or the demo still runs) the newest version.
   */
  resolveName(name: string): { version: StoredModelVersion; via: ResolvedVia } | null {
    const model = this.db.prepare('SELECT id FROM models WHERE name = ?').get(name) as { id: string } | undefined;
    if (!model) return null;
    const labelled = this.labels.versionIdFor(model.id, PRODUCTION_LABEL);
    if (labelled !== null) return { version: this.byId(labelled), via: 'production' };
    const approved = this.db.prepare(`${SELECT_VERSION} WHERE v.model_id = ? AND v.stage = 'approved' ORDER BY v.version DESC LIMIT 1`).get(model.id) as
      | VersionRow
      | undefined;
    if (approved) return { version: toVersion(approved), via: 'approved' };
    const newest = this.db.prepare(`${SELECT_VERSION} WHERE v.model_id = ? ORDER BY v.version DESC LIMIT 1`).get(model.id) as VersionRow | undefined;
    return newest ? { version: toVersion(newest), via: 'newest' } : null;
  }

  modelId(name: string): string {
    const model = this.db.prepare('SELECT id FROM models WHERE name = ?').get(name) as { id: string } | undefined;
    if (!model) return this.throwNotFound(name);
    return model.id;
  }

  byId(versionId: string): StoredModelVersion {
    return toVersion(this.db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow);
  }

  /** One model in full, for the Models page and `triad models show`. */
  show(name: string): ModelDetail {
    const modelId = this.modelId(name);
    const labels = this.labels.current(modelId);
    const rows = this.db.prepare(`${SELECT_VERSION} WHERE v.model_id = ? ORDER BY v.version`).all(modelId) as VersionRow[];
    const versions = rows.map((row) => {
      const v = toVersion(row);
      return {
        ...publicVersion(v),
        storage: v.storage,
        metadata: parseMetadata(v.metadataJson),
        card: this.cards.get(v.id),
        labels: labels.filter((l) => l.version === v.version).map((l) => l.label),
        stageEvents: this.lifecycle.events(v.id),
        verifiedAt: v.verifiedAt === null ? null : iso(v.verifiedAt),
        adapters: this.adapters.list({ baseSha256: v.sha256 }).filter((a) => a.base.name === name && a.base.version === v.version).map(publicAdapter),
      };
    });
    const resolved = this.resolveName(name);
    return {
      name,
      versions,
      labels,
      labelHistory: this.labels.history(modelId),
      resolves: resolved ? { version: resolved.version.version, via: resolved.via } : null,
    };
  }

  async import(req: ImportRequest): Promise<ImportOutcome> {
    return importModel({ db: this.db, clock: this.clock, paths: this.paths, audit: this.audit }, req);
  }

  /** Refuses to load a file that is no longer the one registered (and records the incident). */
  async checkIntegrity(v: StoredModelVersion, who?: Witness): Promise<void> {
    await this.integrity.checkBeforeLoad(v, who);
  }

  private throwNotFound(ref: string): never {
    const known = this.list().flatMap((m) => [...m.versions.map((v) => versionRef(v)), ...m.labels.map((l) => `${m.name}@${l.label}`)]);
    throw new TriadError(
      'MODEL_NOT_FOUND',
      `No model matches "${ref}".`,
      known.length ? `Known models: ${known.join(', ')}.` : 'No models are registered yet: run `triad demo` or import a GGUF file.',
    );
  }
}

/** Versions imported before the full metadata existed carry a shorter summary: shown as unknown. */
function parseMetadata(json: string): ModelMetadata | null {
  try {
    const parsed = ModelMetadataSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
