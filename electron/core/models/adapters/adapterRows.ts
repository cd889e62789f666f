import type { AdapterVersion } from '../../../../shared/methods/adapters';
import { iso } from '../../clock';

/** An adapter_versions row with its name, its base version's name/number and its creator's user name. */
export interface AdapterRow {
  id: string;
  adapter_id: string;
  name: string;
  version: number;
  sha256: string;
  size_bytes: number;
  path: string;
  storage: 'copy' | 'link';
  file_mtime_ms: number;
  base_version_id: string;
  base_sha256: string;
  base_name: string;
  base_version: number;
  architecture: string;
  rank: number;
  alpha: number | null;
  targets_json: string;
  notes: string;
  created_at: number;
  created_by_name: string | null;
}

export const SELECT_ADAPTER = `
  SELECT av.id, av.adapter_id, a.name, av.version, av.sha256, av.size_bytes, av.path, av.storage, av.file_mtime_ms,
         av.base_version_id, av.base_sha256, m.name AS base_name, mv.version AS base_version, av.architecture, av.rank,
         av.alpha, av.targets_json, av.notes, av.created_at, u.username AS created_by_name
  FROM adapter_versions av
  JOIN adapters a ON a.id = av.adapter_id
  JOIN model_versions mv ON mv.id = av.base_version_id
  JOIN models m ON m.id = mv.model_id
  LEFT JOIN users u ON u.id = av.created_by`;

/** A registered adapter version plus where its file lives (core-only). */
export interface StoredAdapter extends AdapterVersion {
  path: string;
  fileMtimeMs: number;
}

export function toAdapter(row: AdapterRow): StoredAdapter {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    storage: row.storage,
    architecture: row.architecture,
    rank: row.rank,
    alpha: row.alpha,
    targets: JSON.parse(row.targets_json) as string[],
    base: { name: row.base_name, version: row.base_version, sha256: row.base_sha256 },
    notes: row.notes,
    createdAt: iso(row.created_at),
    createdBy: row.created_by_name ?? 'system',
    path: row.path,
    fileMtimeMs: row.file_mtime_ms,
  };
}

export function publicAdapter(a: StoredAdapter): AdapterVersion {
  const { path: _path, fileMtimeMs: _mtime, ...rest } = a;
  return rest;
}
