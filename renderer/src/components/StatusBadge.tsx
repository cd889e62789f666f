const TONES: Record<string, string> = {
  ok: 'ok',
  stop: 'ok',
  running: 'info',
  length: 'warn',
  aborted: 'warn',
  abort: 'warn',
  interrupted: 'warn',
  error: 'danger',
};

const LABELS: Record<string, string> = {
  abort: 'stopped',
  stop: 'stop',
  length: 'length limit',
};

/** Status as text with a tinted dot: the colour never carries the meaning alone. */
export function StatusBadge({ status }: { status: string }) {
  const tone = TONES[status] ?? 'neutral';
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-dot" aria-hidden="true" />
      {LABELS[status] ?? status}
    </span>
  );
}
