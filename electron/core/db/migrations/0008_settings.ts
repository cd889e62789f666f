import type { Migration } from './index';

// Workspace runtime settings: one row per key an administrator has set; a key
// without a row uses its default. The value is JSON ("auto" or a number). The
// history of changes lives in the audit log (action settings.set), not here.
export const migration0008: Migration = {
  version: 8,
  name: 'settings',
  sql: `
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT REFERENCES users(id)
);
`,
};
