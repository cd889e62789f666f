import type { Migration } from './index';

// Prompt registry: immutable versions identified by content hash, labels with
// an append-only history, and the prompt a traced run was rendered from.
export const migration0004: Migration = {
  version: 4,
  name: 'prompts',
  sql: `
CREATE TABLE prompts (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  created_by  TEXT REFERENCES users(id)
);

CREATE TABLE prompt_versions (
  id              TEXT PRIMARY KEY,
  prompt_id       TEXT NOT NULL REFERENCES prompts(id),
  version         INTEGER NOT NULL,
  hash            TEXT NOT NULL,
  content_json    TEXT NOT NULL,
  commit_message  TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  created_by      TEXT REFERENCES users(id),
  UNIQUE (prompt_id, version),
  UNIQUE (prompt_id, hash)
);
CREATE TRIGGER prompt_versions_no_update BEFORE UPDATE ON prompt_versions
  BEGIN SELECT RAISE(ABORT, 'prompt versions are immutable'); END;
CREATE TRIGGER prompt_versions_no_delete BEFORE DELETE ON prompt_versions
  BEGIN SELECT RAISE(ABORT, 'prompt versions are immutable'); END;

CREATE TABLE prompt_labels (
  prompt_id   TEXT NOT NULL REFERENCES prompts(id),
  label       TEXT NOT NULL,
  version_id  TEXT NOT NULL REFERENCES prompt_versions(id),
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT REFERENCES users(id),
  PRIMARY KEY (prompt_id, label)
);

CREATE TABLE prompt_label_events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  prompt_id        TEXT NOT NULL REFERENCES prompts(id),
  label            TEXT NOT NULL,
  from_version_id  TEXT REFERENCES prompt_versions(id),
  to_version_id    TEXT NOT NULL REFERENCES prompt_versions(id),
  action           TEXT NOT NULL CHECK (action IN ('set','rollback')),
  at               INTEGER NOT NULL,
  actor_id         TEXT REFERENCES users(id),
  actor_name       TEXT NOT NULL
);
CREATE INDEX prompt_label_events_label ON prompt_label_events(prompt_id, label, seq);
CREATE TRIGGER prompt_label_events_no_update BEFORE UPDATE ON prompt_label_events
  BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;
CREATE TRIGGER prompt_label_events_no_delete BEFORE DELETE ON prompt_label_events
  BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;

ALTER TABLE traces ADD COLUMN prompt_version_id TEXT REFERENCES prompt_versions(id);
ALTER TABLE traces ADD COLUMN prompt_name TEXT;
ALTER TABLE traces ADD COLUMN prompt_version INTEGER;
ALTER TABLE traces ADD COLUMN prompt_hash TEXT;
ALTER TABLE traces ADD COLUMN rendered_messages_json TEXT;
CREATE INDEX traces_prompt_version ON traces(prompt_version_id);
`,
};
