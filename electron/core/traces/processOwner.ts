import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who writes a running trace: the pid plus a marker (host and, on Linux, the
 * process start time) so that a pid the OS has since reused is not mistaken for
 * the original writer. The app and the CLI may share one home at the same time,
 * so only a trace whose writer is gone may be called interrupted.
 */
export interface ProcessOwner {
  pid: number;
  marker: string;
}

function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) may contain spaces, so count from its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function currentOwner(): ProcessOwner {
  return { pid: process.pid, marker: `${hostname()}:${startTime(process.pid) ?? '?'}` };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** False only when the owner is certainly gone; a trace written on another host is left alone. */
export function ownerAlive(pid: number | null, marker: string | null): boolean {
  if (pid === null || marker === null) return false;
  const colon = marker.lastIndexOf(':');
  const host = marker.slice(0, colon);
  const started = marker.slice(colon + 1);
  if (host !== hostname()) return true;
  if (pid === process.pid) return started === '?' || started === startTime(pid);
  if (!pidAlive(pid)) return false;
  if (started === '?') return true;
  const now = startTime(pid);
  return now === null || now === started;
}
