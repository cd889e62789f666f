import type { Migration } from './index';

// Accounts and access: what an administrator sees about a user, API tokens
// (stored as SHA-256 hashes only) and indexes for the audit log viewer's filters.
// Times are integer milliseconds since the epoch (UTC).
export const migration0002: Migration = {
  version: 2,
  name: 'users',
  sql: `
ALTER TABLE users ADD COLUMN last_login_at INTEGER;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;
ALTER TABLE users ADD COLUMN disabled_at INTEGER;

CREATE INDEX sessions_user ON sessions(user_id);

-- Tokens for scripts and API clients; each acts as its user with that user's
-- current role. The secret is shown once; only its hash is kept.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      TEXT NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  last_used_at INTEGER,
  revoked_at   INTEGER,
  revoked_by   TEXT REFERENCES users(id)
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_actor ON audit_events(actor_name);
CREATE INDEX audit_events_action ON audit_events(action);
`,
};
