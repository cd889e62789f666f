import type { ResourceSample } from '../../../shared/domain';
import { iso } from '../clock';
import type { Db } from '../db/connection';

export interface SampleRow {
  at: number;
  pid: number;
  trace_id: string | null;
  cpu_percent: number | null;
  rss_bytes: number;
  heap_used_bytes: number;
  system_free_bytes: number;
  vram_used_bytes: number | null;
  vram_total_bytes: number | null;
  swap_used_bytes: number | null;
}

export interface SampleAggregates {
  peakRssBytes: number | null;
  peakVramBytes: number | null;
  meanCpuPercent: number | null;
  samples: number;
}

function toSample(r: SampleRow): ResourceSample {
  return {
    at: iso(r.at),
    cpuPercent: r.cpu_percent,
    rssBytes: r.rss_bytes,
    heapUsedBytes: r.heap_used_bytes,
    systemFreeBytes: r.system_free_bytes,
    vramUsedBytes: r.vram_used_bytes,
    vramTotalBytes: r.vram_total_bytes,
    swapUsedBytes: r.swap_used_bytes,
  };
}

/** Resource readings in SQLite, linked to the trace that was generating when they were taken. */
export class SampleStore {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO resource_samples (at, pid, trace_id, cpu_percent, rss_bytes, heap_used_bytes, system_free_bytes,
         vram_used_bytes, vram_total_bytes, swap_used_bytes)
       VALUES (@at, @pid, @trace_id, @cpu_percent, @rss_bytes, @heap_used_bytes, @system_free_bytes,
         @vram_used_bytes, @vram_total_bytes, @swap_used_bytes)`,
    );
  }

  insert(row: SampleRow): void {
    this.insertStmt.run(row);
  }

  forTrace(traceId: string): ResourceSample[] {
    const rows = this.db.prepare('SELECT * FROM resource_samples WHERE trace_id = ? ORDER BY at, id').all(traceId) as SampleRow[];
    return rows.map(toSample);
  }

  /** Samples of any process in a time window (ms since the epoch), oldest first. */
  between(fromMs: number, toMs: number, limit = 5000): ResourceSample[] {
    const rows = this.db.prepare('SELECT * FROM resource_samples WHERE at BETWEEN ? AND ? ORDER BY at, id LIMIT ?').all(fromMs, toMs, limit) as SampleRow[];
    return rows.map(toSample);
  }

  aggregates(traceId: string): SampleAggregates {
    const r = this.db
      .prepare(
        `SELECT max(rss_bytes) AS rss, max(vram_used_bytes) AS vram, avg(cpu_percent) AS cpu, count(*) AS n
         FROM resource_samples WHERE trace_id = ?`,
      )
      .get(traceId) as { rss: number | null; vram: number | null; cpu: number | null; n: number };
    return { peakRssBytes: r.rss, peakVramBytes: r.vram, meanCpuPercent: r.cpu, samples: r.n };
  }
}
