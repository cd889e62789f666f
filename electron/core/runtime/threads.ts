import { availableParallelism } from 'node:os';

/**
 * llama.cpp's default thread count is far too high on small machines (FACTS.md:
 * 64 tokens took 17 s with the default on 2 cores, 50 ms with one thread).
 * Leave one core for the UI and the sampler; TRIAD_THREADS overrides.
 */
export function chooseThreads(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const override = Number(env.TRIAD_THREADS);
  if (Number.isInteger(override) && override > 0) return override;
  return Math.max(1, Math.min(8, Math.floor(cores / 2)));
}
