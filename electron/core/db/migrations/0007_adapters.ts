import type { Migration } from './index';

// LoRA adapters: artifacts of their own, versioned under a name like models, and
// each version bound to the exact base model bytes (sha256) it was checked against.
// Times are integer milliseconds since the epoch (UTC).
export const migration0007: Migration = {
  version: 7,
  name: 'adapters',
  sql: `
CREATE TABLE adapters (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  created_by  TEXT REFERENCES users(id)
);

CREATE TABLE adapter_versions (
  id               TEXT PRIMARY KEY,
  adapter_id       TEXT NOT NULL REFERENCES adapters(id),
  version          INTEGER NOT NULL,
  sha256           TEXT NOT NULL,
  size_bytes       INTEGER NOT NULL,
  path             TEXT NOT NULL,
  storage          TEXT NOT NULL CHECK (storage IN ('copy','link')),
  file_mtime_ms    INTEGER NOT NULL,
  -- The base version it was validated against, and that version's bytes.
  base_version_id  TEXT NOT NULL REFERENCES model_versions(id),
  base_sha256      TEXT NOT NULL,
  architecture     TEXT NOT NULL,
  rank             INTEGER NOT NULL,
  alpha            REAL,
  targets_json     TEXT NOT NULL,
  notes            TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  created_by       TEXT REFERENCES users(id),
  verified_at      INTEGER,
  UNIQUE (adapter_id, version)
);
CREATE INDEX adapter_versions_sha ON adapter_versions(sha256);
CREATE INDEX adapter_versions_base ON adapter_versions(base_sha256);
`,
};
