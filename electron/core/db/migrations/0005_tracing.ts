import type { Migration } from './index';

/**
 * Complete tracing (issue 3): runtime facts and resource aggregates on each
 * trace, spans inside a trace, the resource sampler's readings, full-text
 * search, and the owner of a running trace so a later open can tell a crashed
 * run from one another process is still generating.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'tracing',
  sql: `
ALTER TABLE traces ADD COLUMN input_messages_json TEXT;
ALTER TABLE traces ADD COLUMN loras_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE traces ADD COLUMN backend TEXT;
ALTER TABLE traces ADD COLUMN gpu_layers INTEGER;
ALTER TABLE traces ADD COLUMN threads INTEGER;
ALTER TABLE traces ADD COLUMN context_size INTEGER;
ALTER TABLE traces ADD COLUMN node_llama_cpp_version TEXT;
ALTER TABLE traces ADD COLUMN llama_cpp_version TEXT;
ALTER TABLE traces ADD COLUMN chat_wrapper TEXT;
ALTER TABLE traces ADD COLUMN prompt_tokens_per_second REAL;
ALTER TABLE traces ADD COLUMN peak_rss_bytes INTEGER;
ALTER TABLE traces ADD COLUMN peak_vram_bytes INTEGER;
ALTER TABLE traces ADD COLUMN mean_cpu_percent REAL;
ALTER TABLE traces ADD COLUMN sample_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE traces ADD COLUMN flags_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE traces ADD COLUMN replay_of TEXT REFERENCES traces(id);
-- The process that writes a running trace: its pid and a start marker, so a reused pid is not mistaken for it.
ALTER TABLE traces ADD COLUMN owner_pid INTEGER;
ALTER TABLE traces ADD COLUMN owner_marker TEXT;
CREATE INDEX traces_status ON traces(status);
CREATE INDEX traces_user ON traces(username);

CREATE TABLE trace_spans (
  id               TEXT PRIMARY KEY,
  trace_id         TEXT NOT NULL REFERENCES traces(id),
  name             TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  duration_ms      REAL NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('ok','error')),
  attributes_json  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX trace_spans_trace ON trace_spans(trace_id, started_at);

-- Written about every 250 ms while a run generates (trace_id set) and every few seconds when idle.
CREATE TABLE resource_samples (
  id                 INTEGER PRIMARY KEY,
  at                 INTEGER NOT NULL,
  pid                INTEGER NOT NULL,
  trace_id           TEXT,
  cpu_percent        REAL,
  rss_bytes          INTEGER NOT NULL,
  heap_used_bytes    INTEGER NOT NULL,
  system_free_bytes  INTEGER NOT NULL,
  vram_used_bytes    INTEGER,
  vram_total_bytes   INTEGER,
  swap_used_bytes    INTEGER
);
CREATE INDEX resource_samples_trace ON resource_samples(trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX resource_samples_at ON resource_samples(at);

-- Full-text search over finished traces. A plain FTS5 table (not external
-- content): traces has a TEXT key, and its implicit rowid may change on VACUUM.
-- Running traces are indexed when they end, so streaming output costs no re-indexing.
CREATE VIRTUAL TABLE trace_search USING fts5(trace_id UNINDEXED, input, output, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO trace_search (trace_id, input, output) SELECT id, input, output FROM traces WHERE status <> 'running';
CREATE TRIGGER trace_search_on_end AFTER UPDATE OF status ON traces
  WHEN old.status = 'running' AND new.status <> 'running'
  BEGIN INSERT INTO trace_search (trace_id, input, output) VALUES (new.id, new.input, new.output); END;
CREATE TRIGGER trace_search_on_edit AFTER UPDATE OF input, output ON traces
  WHEN old.status <> 'running' AND new.status <> 'running'
  BEGIN
    DELETE FROM trace_search WHERE trace_id = old.id;
    INSERT INTO trace_search (trace_id, input, output) VALUES (new.id, new.input, new.output);
  END;
CREATE TRIGGER trace_search_on_delete AFTER DELETE ON traces
  BEGIN DELETE FROM trace_search WHERE trace_id = old.id; END;
`,
};
