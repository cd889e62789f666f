import type { ModelVersion } from '../../../shared/domain';
import { iso } from '../clock';

/** A model_versions row as read with its model's name and creator's user name. */
export interface VersionRow {
  id: string;
  model_id: string;
  name: string;
  version: number;
  sha256: string;
  size_bytes: number;
  path: string;
  storage: 'copy' | 'link';
  file_mtime_ms: number;
  architecture: string;
  parameter_count: number | null;
  context_length: number | null;
  file_type: string | null;
  metadata_json: string;
  notes: string;
  stage: string;
  created_at: number;
  created_by: string | null;
  created_by_name: string | null;
  verified_at: number | null;
}

export const SELECT_VERSION = `
  SELECT v.id, v.model_id, m.name, v.version, v.sha256, v.size_bytes, v.path, v.storage, v.file_mtime_ms, v.architecture,
         v.parameter_count, v.context_length, v.file_type, v.metadata_json, v.notes, v.stage, v.created_at, v.created_by,
         u.username AS created_by_name, v.verified_at
  FROM model_versions v JOIN models m ON m.id = v.model_id LEFT JOIN users u ON u.id = v.created_by`;

/** A registered version plus where its file lives (core-only, never sent to clients as is). */
export interface StoredModelVersion extends ModelVersion {
  modelId: string;
  path: string;
  storage: 'copy' | 'link';
  fileMtimeMs: number;
  /** The creator's user id; null for versions the system registered (the demo). */
  createdById: string | null;
  metadataJson: string;
  verifiedAt: number | null;
}

export function toVersion(row: VersionRow): StoredModelVersion {
  return {
    id: row.id,
    modelId: row.model_id,
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
    storage: row.storage,
    fileMtimeMs: row.file_mtime_ms,
    createdById: row.created_by,
    metadataJson: row.metadata_json,
    verifiedAt: row.verified_at,
  };
}

export function publicVersion(v: StoredModelVersion): ModelVersion {
  return {
    id: v.id,
    name: v.name,
    version: v.version,
    sha256: v.sha256,
    sizeBytes: v.sizeBytes,
    architecture: v.architecture,
    parameterCount: v.parameterCount,
    contextLength: v.contextLength,
    fileType: v.fileType,
    stage: v.stage,
    notes: v.notes,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
  };
}

export function versionRef(v: { name: string; version: number }): string {
  return `${v.name}@${v.version}`;
}
