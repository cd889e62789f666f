import { TriadError, type TriadErrorData } from '../../../shared/errors';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A table for humans: columns padded to their widest cell. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

export function errorData(err: unknown): TriadErrorData {
  if (err instanceof TriadError) return err.toJSON();
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Errors go to stderr as `error [CODE]: message` plus a hint line. */
export function printError(err: unknown): void {
  const data = errorData(err);
  process.stderr.write(`error [${data.code}]: ${data.message}\n`);
  if (data.hint) process.stderr.write(`hint: ${data.hint}\n`);
  if (data.code === 'INTERNAL' && err instanceof Error && err.stack && process.env.TRIAD_DEBUG) {
    process.stderr.write(`${err.stack}\n`);
  }
}

export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
