import { totalmem } from 'node:os';

export type GpuChoice = 'auto' | 'cpu' | 'cuda' | 'vulkan' | 'metal';
const GPU_CHOICES: readonly GpuChoice[] = ['auto', 'cpu', 'cuda', 'vulkan', 'metal'];

export interface EngineSettings {
  /**
   * 'auto' loads the first prebuilt binary that works (CUDA, Vulkan, Metal) and
   * falls back to CPU. Measured on a 2-core CPU-only machine: 'auto' and CPU
   * both take ~0.4–0.6 s to initialise, so 'auto' is the default.
   */
  gpu: GpuChoice;
  /** A fixed thread count; undefined chooses per model (threads.ts). */
  threads: number | undefined;
  /** Loaded models are unloaded, least recently used first, to stay within this. */
  memoryBudgetBytes: number;
  /** Upper bound for a context; a model's own training context may be smaller. */
  contextSize: number;
  /** Runs waiting for the runtime beyond the one generating; more get a BUSY error. */
  maxQueued: number;
}

function positiveInt(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Runtime settings from the environment (TRIAD_GPU, TRIAD_THREADS,
 * TRIAD_MODEL_MEMORY_MB, TRIAD_CONTEXT_SIZE, TRIAD_RUN_QUEUE), so the app,
 * `triad serve` and the CLI can be tuned the same way on a locked-down machine.
 */
export function engineSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  const gpuRaw = (env.TRIAD_GPU ?? 'auto').toLowerCase();
  const gpu = (GPU_CHOICES as readonly string[]).includes(gpuRaw) ? (gpuRaw as GpuChoice) : gpuRaw === 'false' ? 'cpu' : 'auto';
  const budgetMb = positiveInt(env.TRIAD_MODEL_MEMORY_MB);
  return {
    gpu,
    threads: positiveInt(env.TRIAD_THREADS),
    // Half the machine's memory by default: room for the OS, the app and one more model's context.
    memoryBudgetBytes: budgetMb !== undefined ? budgetMb * 1024 * 1024 : Math.floor(totalmem() / 2),
    contextSize: positiveInt(env.TRIAD_CONTEXT_SIZE) ?? 4096,
    maxQueued: positiveInt(env.TRIAD_RUN_QUEUE) ?? 16,
  };
}
