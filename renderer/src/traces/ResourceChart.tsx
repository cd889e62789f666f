import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResourceSample } from '../../../shared/domain';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks/useQuery';

const MIB = 1024 * 1024;

interface Point {
  t: number;
  rss: number;
  heap: number;
  cpu: number | null;
  vram: number | null;
}

function points(samples: ResourceSample[]): Point[] {
  const start = samples.length > 0 ? Date.parse(samples[0]!.at) : 0;
  return samples.map((s) => ({
    t: (Date.parse(s.at) - start) / 1000,
    rss: s.rssBytes / MIB,
    heap: s.heapUsedBytes / MIB,
    cpu: s.cpuPercent,
    vram: s.vramUsedBytes === null ? null : s.vramUsedBytes / MIB,
  }));
}

/** Memory and CPU over the run, from the sampler's readings (about every 250 ms while it generated). */
export function ResourceChart({ traceId }: { traceId: string }) {
  const { data, error, reload } = useQuery('traces.resources', { id: traceId });
  if (error !== undefined) return <ErrorNotice error={error} title="Could not load resource samples" onRetry={reload} />;
  if (data === undefined) return <p className="muted">Loading samples…</p>;
  if (data.length === 0) {
    return (
      <EmptyState title="No resource samples">
        <p>This run was recorded before resource sampling existed, or ended before a reading was taken.</p>
      </EmptyState>
    );
  }
  const hasVram = data.some((s) => s.vramUsedBytes !== null);
  return (
    <div className="resource-chart" data-testid="resource-chart" aria-label={`Resource samples: ${data.length}`}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points(data)} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border, #ccc)" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} unit=" s" tickFormatter={(v: number) => v.toFixed(1)} />
          <YAxis yAxisId="mem" unit=" MiB" width={80} />
          <YAxis yAxisId="cpu" orientation="right" unit=" %" width={56} />
          <Tooltip formatter={(value, name) => [typeof value === 'number' ? value.toFixed(1) : String(value), String(name)]} labelFormatter={(v) => `${Number(v).toFixed(2)} s`} />
          <Legend />
          <Line yAxisId="mem" type="monotone" dataKey="rss" name="RSS (MiB)" stroke="#4c78a8" dot={false} isAnimationActive={false} />
          <Line yAxisId="mem" type="monotone" dataKey="heap" name="JS heap (MiB)" stroke="#72b7b2" strokeDasharray="4 2" dot={false} isAnimationActive={false} />
          {hasVram && <Line yAxisId="mem" type="monotone" dataKey="vram" name="VRAM (MiB)" stroke="#b279a2" dot={false} isAnimationActive={false} />}
          <Line yAxisId="cpu" type="monotone" dataKey="cpu" name="CPU (%)" stroke="#e45756" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
      <p className="muted small">{data.length} samples. CPU is per core (100 % = one core busy); llama.cpp's threads count.</p>
    </div>
  );
}
