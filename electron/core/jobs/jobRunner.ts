import { randomUUID } from 'node:crypto';
import { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import { systemClock, type Clock } from '../clock';

/** What a piece of long work sees: its id, a cancellation signal and a way to report progress. */
export interface Job {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Reports progress; `label` says what is happening now ("Hashing", "Copying"). */
  progress(done: number, total: number | null, label?: string): void;
  /** Throws CANCELLED once the job has been cancelled; call it between steps. */
  throwIfCancelled(): void;
}

export interface JobStart {
  /** A client-chosen id, so the client can match progress events and cancel; random otherwise. */
  jobId?: string | undefined;
  label: string;
  /** Who started it: only they (or an admin) may cancel it. */
  owner: { id: string | null; role: string | null };
  emit?: ((event: TriadEvent) => void) | undefined;
}

export function cancelledError(what = 'The job'): TriadError {
  return new TriadError('CANCELLED', `${what} was cancelled; nothing was kept.`, 'Start it again when you are ready.');
}

/**
 * Runs long work (import hashing, verification, later eval runs and exports) as a
 * job: progress goes out as `job.progress` events through the caller's `emit`,
 * throttled so a fast loop cannot flood an event stream, and `cancel` aborts it.
 */
export class JobRunner {
  private readonly active = new Map<string, { controller: AbortController; ownerId: string | null }>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly minIntervalMs = 100,
  ) {}

  async run<T>(start: JobStart, work: (job: Job) => Promise<T>): Promise<T> {
    const id = start.jobId ?? randomUUID();
    if (this.active.has(id)) throw new TriadError('BAD_INPUT', `Job id "${id}" is already in use.`, 'Use a fresh id for each job.');
    const controller = new AbortController();
    this.active.set(id, { controller, ownerId: start.owner.id });
    let label = start.label;
    let lastAt = Number.NEGATIVE_INFINITY;
    const send = (done: number, total: number | null): void => start.emit?.({ type: 'job.progress', jobId: id, label, done, total });
    const job: Job = {
      id,
      signal: controller.signal,
      progress: (done, total, newLabel) => {
        const now = this.clock.now();
        const changed = newLabel !== undefined && newLabel !== label;
        if (newLabel !== undefined) label = newLabel;
        // Always send a change of step and the end of a step; otherwise at most every minIntervalMs.
        if (changed || (total !== null && done >= total) || now - lastAt >= this.minIntervalMs) {
          lastAt = now;
          send(done, total);
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelledError(start.label);
      },
    };
    try {
      send(0, null);
      return await work(job);
    } finally {
      this.active.delete(id);
    }
  }

  /** Cancels a running job started by the same user (or by anyone, for an admin). */
  cancel(jobId: string, by: { id: string; role: string }): boolean {
    const job = this.active.get(jobId);
    if (!job || (job.ownerId !== by.id && by.role !== 'admin')) return false;
    job.controller.abort();
    return true;
  }

  isRunning(jobId: string): boolean {
    return this.active.has(jobId);
  }
}
