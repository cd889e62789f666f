import type { Span } from '../../../shared/domain';
import { StatusBadge } from '../components/StatusBadge';
import { formatMs } from '../format/format';

const LABELS: Record<string, string> = {
  pre_checks: 'Pre-checks',
  queue: 'Queue',
  model_load: 'Model load',
  generation: 'Generation',
  post_checks: 'Post-checks',
};

/** The phases of a run as a small waterfall: where the time went. */
export function SpanList({ spans }: { spans: Span[] }) {
  if (spans.length === 0) return <p className="muted">No spans were recorded for this run.</p>;
  const start = Math.min(...spans.map((s) => Date.parse(s.startedAt)));
  const end = Math.max(...spans.map((s) => Date.parse(s.startedAt) + s.durationMs));
  const total = Math.max(1, end - start);
  return (
    <table className="table span-table" aria-label="Spans">
      <thead>
        <tr>
          <th>Span</th>
          <th>Status</th>
          <th className="num">Duration</th>
          <th className="span-bar-col">Timeline</th>
          <th>Attributes</th>
        </tr>
      </thead>
      <tbody>
        {spans.map((s) => {
          const left = ((Date.parse(s.startedAt) - start) / total) * 100;
          const width = Math.max(0.5, (s.durationMs / total) * 100);
          return (
            <tr key={s.id} data-testid="span-row">
              <td>{LABELS[s.name] ?? s.name}</td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td className="num nowrap">{formatMs(s.durationMs)}</td>
              <td className="span-bar-col">
                <div className="span-track" aria-hidden="true">
                  <div className={`span-bar span-${s.status}`} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
                </div>
              </td>
              <td className="mono small span-attrs">
                {Object.entries(s.attributes)
                  .map(([k, v]) => `${k}=${String(v)}`)
                  .join('  ')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
