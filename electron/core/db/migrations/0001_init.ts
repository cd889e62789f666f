import type { Migration } from './index';

// Times are integer milliseconds since the epoch (UTC).
export const migration0001: Migration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('admin','engineer','analyst','reviewer')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER,
  created_at    INTEGER NOT NULL,
  created_by    TEXT REFERENCES users(id)
);

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  user_id     TEXT NOT NULL REFERENCES users(id),
  source      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

-- One-time tokens printed by \`triad serve\` in the URL it opens.
CREATE TABLE launch_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);

CREATE TABLE models (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  created_by  TEXT REFERENCES users(id)
);

CREATE TABLE model_versions (
  id               TEXT PRIMARY KEY,
  model_id         TEXT NOT NULL REFERENCES models(id),
  version          INTEGER NOT NULL,
  sha256           TEXT NOT NULL,
  size_bytes       INTEGER NOT NULL,
  path             TEXT NOT NULL,
  storage          TEXT NOT NULL CHECK (storage IN ('copy','link')),
  file_mtime_ms    INTEGER NOT NULL,
  architecture     TEXT NOT NULL,
  parameter_count  INTEGER,
  context_length   INTEGER,
  file_type        TEXT,
  metadata_json    TEXT NOT NULL,
  notes            TEXT NOT NULL DEFAULT '',
  stage            TEXT NOT NULL DEFAULT 'draft',
  created_at       INTEGER NOT NULL,
  created_by       TEXT REFERENCES users(id),
  UNIQUE (model_id, version)
);
CREATE INDEX model_versions_sha ON model_versions(sha256);

CREATE TABLE traces (
  id                 TEXT PRIMARY KEY,
  started_at         INTEGER NOT NULL,
  ended_at           INTEGER,
  user_id            TEXT REFERENCES users(id),
  username           TEXT NOT NULL,
  source             TEXT NOT NULL,
  model_version_id   TEXT NOT NULL REFERENCES model_versions(id),
  model_name         TEXT NOT NULL,
  model_version      INTEGER NOT NULL,
  model_sha256       TEXT NOT NULL,
  input              TEXT NOT NULL,
  output             TEXT NOT NULL DEFAULT '',
  params_json        TEXT NOT NULL,
  input_tokens       INTEGER,
  output_tokens      INTEGER,
  ttft_ms            REAL,
  total_ms           REAL,
  tokens_per_second  REAL,
  status             TEXT NOT NULL,
  finish_reason      TEXT,
  error_json         TEXT
);
CREATE INDEX traces_started ON traces(started_at DESC);
CREATE INDEX traces_model ON traces(model_name, model_version);

-- Append-only until the ledger takes these over (see the ledger issue).
CREATE TABLE audit_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  at          INTEGER NOT NULL,
  actor_id    TEXT,
  actor_name  TEXT NOT NULL,
  actor_role  TEXT,
  source      TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT,
  before_json TEXT,
  after_json  TEXT
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
`,
};
