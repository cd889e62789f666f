import type { Migration } from './index';

// The model registry's governance: stage changes with their reasons, labels that
// point at versions with every move kept, and a model card per version.
// Times are integer milliseconds since the epoch (UTC).
export const migration0003: Migration = {
  version: 3,
  name: 'models',
  sql: `
ALTER TABLE model_versions ADD COLUMN verified_at INTEGER;

-- Every stage change (draft → candidate → approved → retired), approvals included.
CREATE TABLE model_stage_events (
  id          TEXT PRIMARY KEY,
  version_id  TEXT NOT NULL REFERENCES model_versions(id),
  from_stage  TEXT NOT NULL,
  to_stage    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  actor_id    TEXT REFERENCES users(id),
  actor_name  TEXT NOT NULL
);
CREATE INDEX model_stage_events_version ON model_stage_events(version_id, at);

-- Where each label points now.
CREATE TABLE model_labels (
  model_id    TEXT NOT NULL REFERENCES models(id),
  label       TEXT NOT NULL,
  version_id  TEXT NOT NULL REFERENCES model_versions(id),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (model_id, label)
);

-- Every label move; kind 'rollback' undoes the latest 'set' still in effect.
CREATE TABLE model_label_events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id         TEXT NOT NULL REFERENCES models(id),
  label            TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('set','rollback')),
  from_version_id  TEXT REFERENCES model_versions(id),
  to_version_id    TEXT NOT NULL REFERENCES model_versions(id),
  reason           TEXT NOT NULL,
  at               INTEGER NOT NULL,
  actor_id         TEXT REFERENCES users(id),
  actor_name       TEXT NOT NULL
);
CREATE INDEX model_label_events_label ON model_label_events(model_id, label, seq);
CREATE TRIGGER model_label_events_no_update BEFORE UPDATE ON model_label_events
  BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;
CREATE TRIGGER model_label_events_no_delete BEFORE DELETE ON model_label_events
  BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;

CREATE TABLE model_cards (
  version_id           TEXT PRIMARY KEY REFERENCES model_versions(id),
  intended_use         TEXT NOT NULL DEFAULT '',
  limitations          TEXT NOT NULL DEFAULT '',
  owner                TEXT NOT NULL DEFAULT '',
  risk_tier            TEXT NOT NULL DEFAULT 'unassessed',
  evaluation_evidence  TEXT NOT NULL DEFAULT '[]',
  updated_at           INTEGER NOT NULL,
  updated_by           TEXT REFERENCES users(id)
);
`,
};
