import type { TriadEvent } from '../../../shared/events';

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/**
 * A one-line progress bar for `job.progress` events, drawn on stderr only when
 * it is a terminal (pipes and --json output stay clean). Returns the event
 * listener and a `done` that clears the line.
 */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
  /** How to show an amount: bytes by default; counts for work measured in items (ledger entries). */
  format: (n: number) => string = formatBytes,
): { onEvent: (e: TriadEvent) => void; done: () => void } {
  let drawn = false;
  const onEvent = (e: TriadEvent): void => {
    if (e.type !== 'job.progress' || !stream.isTTY) return;
    const width = 30;
    const ratio = e.total ? Math.min(1, e.done / e.total) : 0;
    const filled = Math.round(ratio * width);
    const bar = e.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%` : '';
    const amount = e.total ? ` ${format(e.done)} / ${format(e.total)}` : '';
    stream.write(`\r\x1b[2K${e.label} ${bar}${amount}`);
    drawn = true;
  };
  return {
    onEvent,
    done: () => {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
