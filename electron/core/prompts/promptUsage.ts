import type { PromptUsage } from '../../../shared/methods/prompts';
import { iso } from '../clock';
import type { Db } from '../db/connection';
import type { StoredPromptVersion } from './promptRegistry';

interface UsageRow {
  prompt_version_id: string;
  runs: number;
  errors: number;
  avg_total_ms: number | null;
  avg_output_tokens: number | null;
  last_run_at: number | null;
  flagged: number;
}

/** The value at the 95th percentile (nearest rank), or null for no values. */
function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? null;
}

/** Per-version usage read from the traces that were rendered from each version. */
export function promptUsage(db: Db, versions: StoredPromptVersion[]): PromptUsage[] {
  if (versions.length === 0) return [];
  const ids = versions.map((v) => v.id);
  const marks = ids.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT prompt_version_id, count(*) AS runs, sum(status = 'error') AS errors,
              avg(CASE WHEN status = 'ok' THEN total_ms END) AS avg_total_ms,
              avg(CASE WHEN status = 'ok' THEN output_tokens END) AS avg_output_tokens, max(started_at) AS last_run_at,
              sum(flags_json <> '[]') AS flagged
       FROM traces WHERE prompt_version_id IN (${marks}) GROUP BY prompt_version_id`,
    )
    .all(...ids) as UsageRow[];
  const latencies = db
    .prepare(`SELECT prompt_version_id, total_ms FROM traces WHERE prompt_version_id IN (${marks}) AND status = 'ok' AND total_ms IS NOT NULL`)
    .all(...ids) as { prompt_version_id: string; total_ms: number }[];
  // A flag counts once per run, even if a check set it twice.
  const flags = db
    .prepare(
      `SELECT t.prompt_version_id, f.value AS flag, count(DISTINCT t.id) AS runs
       FROM traces t, json_each(t.flags_json) f WHERE t.prompt_version_id IN (${marks})
       GROUP BY t.prompt_version_id, f.value ORDER BY runs DESC, flag`,
    )
    .all(...ids) as { prompt_version_id: string; flag: string; runs: number }[];
  return versions.map((v) => {
    const row = rows.find((r) => r.prompt_version_id === v.id);
    return {
      version: v.version,
      hash: v.hash,
      runs: row?.runs ?? 0,
      errors: row?.errors ?? 0,
      avgTotalMs: row?.avg_total_ms ?? null,
      p95TotalMs: p95(latencies.filter((l) => l.prompt_version_id === v.id).map((l) => l.total_ms)),
      avgOutputTokens: row?.avg_output_tokens ?? null,
      lastRunAt: row?.last_run_at ? iso(row.last_run_at) : null,
      flagged: row?.flagged ?? 0,
      flags: flags.filter((f) => f.prompt_version_id === v.id).map((f) => ({ flag: f.flag, runs: f.runs })),
      // There is no eval store yet; this becomes a real rate when evals record results per version.
      evalPassRate: null,
    };
  });
}
