import { useStreamStatus } from '../hooks/useTriadEvents';

const TEXT = {
  closed: 'Live feed: off',
  connecting: 'Live feed: connecting',
  retrying: 'Live feed: reconnecting',
  refused: 'Live feed: refused',
} as const;

/** Says so when the live event feed is not open; says nothing while all is well. */
export function StreamIndicator() {
  const status = useStreamStatus();
  if (status === 'open') return null;
  return (
    <span className="badge badge-warn" role="status" title="Streamed tokens and progress arrive on this feed.">
      <span className="badge-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
