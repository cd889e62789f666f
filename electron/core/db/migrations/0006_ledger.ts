import type { Migration } from './index';

/**
 * The tamper-evident ledger (electron/core/ledger): entries as canonical JSON,
 * the stored nodes of their RFC 6962 Merkle tree, salts of purgeable content,
 * signing keys, signed checkpoints, verification results, retention classes
 * and legal holds. Triggers keep Triad's own code append-only; they do not stop
 * someone with the file, which is what the Merkle tree and signatures are for.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'ledger',
  sql: `
CREATE TABLE ledger_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- idx is the leaf index; body is the canonical JSON that the leaf hash commits to.
CREATE TABLE ledger_entries (
  idx   INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL,
  ref   TEXT NOT NULL,
  at    INTEGER NOT NULL,
  body  TEXT NOT NULL
);
CREATE INDEX ledger_entries_ref ON ledger_entries(kind, ref);
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;

-- Perfect subtrees only: (level, idx) covers leaves [idx*2^level, (idx+1)*2^level).
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- Salts of purgeable content; salt is NULL once retention has purged it.
CREATE TABLE ledger_salts (
  entry_idx INTEGER NOT NULL,
  field     TEXT NOT NULL,
  salt      BLOB,
  purged_at INTEGER,
  PRIMARY KEY (entry_idx, field)
) WITHOUT ROWID;

CREATE TABLE signing_keys (
  id              TEXT PRIMARY KEY,
  owner_kind      TEXT NOT NULL CHECK (owner_kind IN ('installation','user')),
  owner_id        TEXT,
  name            TEXT NOT NULL,
  public_key      TEXT NOT NULL,
  private_key_enc TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  retired_at      INTEGER
);
CREATE INDEX signing_keys_owner ON signing_keys(owner_kind, owner_id);

CREATE TABLE ledger_checkpoints (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  size      INTEGER NOT NULL,
  root_hash TEXT NOT NULL,
  at        INTEGER NOT NULL,
  key_id    TEXT NOT NULL,
  reason    TEXT NOT NULL,
  note      TEXT NOT NULL
);

CREATE TABLE ledger_verifications (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  at              INTEGER NOT NULL,
  ok              INTEGER NOT NULL,
  size            INTEGER NOT NULL,
  checkpoints     INTEGER NOT NULL,
  first_bad_entry INTEGER,
  problem_count   INTEGER NOT NULL,
  summary         TEXT NOT NULL
);

-- model NULL: the default class for every model without its own.
CREATE TABLE retention_classes (
  name         TEXT PRIMARY KEY,
  model        TEXT UNIQUE,
  min_age_days INTEGER NOT NULL,
  max_age_days INTEGER,
  updated_at   INTEGER NOT NULL,
  updated_by   TEXT
);
INSERT INTO retention_classes (name, model, min_age_days, max_age_days, updated_at) VALUES ('default', NULL, 0, NULL, 0);

-- scope: 'all', 'model:NAME', 'user:NAME' or 'trace:ID'.
CREATE TABLE legal_holds (
  id          TEXT PRIMARY KEY,
  scope       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT,
  released_at INTEGER,
  released_by TEXT
);
`,
};
