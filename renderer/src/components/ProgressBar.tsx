import { formatBytes } from '../format/format';

/** Long work as people watch it: what is happening, how far, and a way to stop it. Amounts are bytes unless `format` says otherwise. */
export function ProgressBar({
  label,
  done,
  total,
  onCancel,
  format = formatBytes,
  testId = 'import-progress',
}: {
  label: string;
  done: number;
  total: number | null;
  onCancel?: () => void;
  format?: (n: number) => string;
  testId?: string;
}) {
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress" data-testid={testId}>
      <div className="row">
        <span>{label}</span>
        <span className="muted small">{pct === null ? 'starting…' : `${pct}% · ${format(done)} of ${format(total ?? 0)}`}</span>
        {onCancel !== undefined && (
          <button type="button" className="btn btn-tiny" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? 0}>
        <div className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </div>
    </div>
  );
}
