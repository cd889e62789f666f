import { TriadError } from '../../../shared/errors';

/**
 * Runs jobs one at a time in arrival order with a bounded wait list: one
 * llama.cpp context serves every caller, and a flood gets a clear "busy"
 * instead of unbounded memory.
 */
export class RunQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Jobs accepted and not yet settled: the one running plus those waiting. */
  private inFlight = 0;

  constructor(private maxWaiting = 16) {}

  /** A new bound (a settings change) applies to the next job; jobs already accepted keep their place. */
  setMaxWaiting(n: number): void {
    this.maxWaiting = n;
  }

  /** Jobs waiting behind the one running. */
  get pending(): number {
    return Math.max(0, this.inFlight - 1);
  }

  /** Throws BUSY when a new job would have to wait behind more than `maxWaiting` others. */
  assertCapacity(): void {
    if (this.inFlight > this.maxWaiting) {
      throw new TriadError('BUSY', `The model runtime is busy: one run is generating and ${this.pending} are waiting.`, 'Try again when they have finished.');
    }
  }

  enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.assertCapacity();
    this.inFlight += 1;
    const run = this.tail.then(
      () => job(),
      () => job(),
    );
    const settled = run.finally(() => {
      this.inFlight -= 1;
    });
    this.tail = settled.catch(() => undefined);
    return settled;
  }
}
