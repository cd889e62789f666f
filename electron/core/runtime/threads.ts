import { availableParallelism } from 'node:os';

/** Below this many bytes of weights a second thread costs more in synchronisation than it gains. */
const SMALL_MODEL_BYTES = 256 * 1024 * 1024;

export interface ThreadChoice {
  env?: NodeJS.ProcessEnv;
  cores?: number;
  /** Size of the weights; small models run fastest on one thread. */
  modelBytes?: number;
  /** An explicit setting wins over everything else. */
  override?: number | undefined;
}

/**
 * llama.cpp's default thread count is far too high on small machines (FACTS.md:
 * 64 tokens took 17 s with the default on 2 cores, 50 ms with one thread; a
 * 21M-parameter model ran at 68 tok/s on one thread, 46 on two). Small models
 * get one thread; larger ones about one per physical core (logical cores / 2),
 * leaving the rest for the UI and the sampler, at most 8. TRIAD_THREADS overrides.
 */
export function chooseThreads(choice: ThreadChoice = {}): number {
  if (choice.override !== undefined && Number.isInteger(choice.override) && choice.override > 0) return choice.override;
  const fromEnv = Number((choice.env ?? process.env).TRIAD_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (choice.modelBytes !== undefined && choice.modelBytes < SMALL_MODEL_BYTES) return 1;
  const cores = choice.cores ?? availableParallelism();
  return Math.max(1, Math.min(8, Math.floor(cores / 2)));
}
