import { TriadError } from '../../../shared/errors';

/**
 * Runs jobs one at a time in arrival order with a bounded wait list: one
 * llama.cpp context serves every caller, and a flood gets a clear "busy"
 * instead of unbounded memory.
 */
export class RunQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting = 16) {}

  get pending(): number {
    return this.waiting;
  }

  enqueue<T>(job: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.maxWaiting) {
      throw new TriadError('BUSY', `The model runtime is busy: ${this.waiting} runs are already waiting.`, 'Try again when they have finished.');
    }
    this.waiting += 1;
    const run = this.tail.then(
      () => job(),
      () => job(),
    );
    const settled = run.finally(() => {
      this.waiting -= 1;
    });
    this.tail = settled.catch(() => undefined);
    return settled;
  }
}
