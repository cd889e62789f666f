import { z } from 'zod';
import { GPU_CHOICES, type SettingKey, type SettingValue } from '../../../shared/methods/settings';

export interface SettingDefinition {
  key: SettingKey;
  envVar: string;
  /** Accepts the value as typed (a CLI argument is a string) and yields the canonical value. */
  schema: z.ZodType<SettingValue, unknown>;
  default: SettingValue;
  description: string;
  validValues: string;
  applies: string;
}

/** Numbers may arrive as text (CLI arguments, environment variables); "auto" in any case. */
function normalise(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim().toLowerCase();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

const auto = z.literal('auto');
const int = (min: number, max?: number) => {
  const base = z.number().int().min(min);
  return max === undefined ? base : base.max(max);
};

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: 'runtime.gpu',
    envVar: 'TRIAD_GPU',
    // TRIAD_GPU=false has always meant CPU; kept so existing set-ups behave the same.
    schema: z.preprocess((v) => (normalise(v) === 'false' ? 'cpu' : normalise(v)), z.enum(GPU_CHOICES)),
    default: 'auto',
    description: 'Compute backend for llama.cpp; auto loads the first prebuilt GPU binary that works, else CPU',
    validValues: GPU_CHOICES.join(', '),
    applies: 'when the app or `triad serve` next starts (llama.cpp loads once per process)',
  },
  {
    key: 'runtime.threads',
    envVar: 'TRIAD_THREADS',
    schema: z.preprocess(normalise, z.union([auto, int(1, 64)])),
    default: 'auto',
    description: 'CPU threads per model; auto uses 1 for models under 256 MB, else half the logical cores (at most 8)',
    validValues: 'auto or a whole number 1..64',
    applies: 'to models loaded after the change',
  },
  {
    key: 'runtime.modelMemoryMb',
    envVar: 'TRIAD_MODEL_MEMORY_MB',
    schema: z.preprocess(normalise, z.union([auto, int(256)])),
    default: 'auto',
    description: 'Memory budget for loaded models (MB); beyond it the least recently used is unloaded; auto is half the RAM',
    validValues: 'auto or a whole number of MB, at least 256',
    applies: 'at the next model load (models already loaded are unloaded down to the new budget then)',
  },
  {
    key: 'runtime.contextSize',
    envVar: 'TRIAD_CONTEXT_SIZE',
    schema: z.preprocess(normalise, int(512, 131072)),
    default: 4096,
    description: "Upper bound for a model's context in tokens (a model's own training context may be smaller)",
    validValues: 'a whole number 512..131072',
    applies: 'to models loaded after the change',
  },
  {
    key: 'runtime.runQueue',
    envVar: 'TRIAD_RUN_QUEUE',
    schema: z.preprocess(normalise, int(1, 256)),
    default: 16,
    description: 'Runs that may wait behind the one generating; more get a BUSY error',
    validValues: 'a whole number 1..256',
    applies: 'at once',
  },
];

export function definitionOf(key: SettingKey): SettingDefinition {
  const def = SETTING_DEFINITIONS.find((d) => d.key === key);
  // SettingKey is a closed union and every key has a definition (settings.test.ts checks).
  if (!def) throw new Error(`No definition for setting ${key}`);
  return def;
}
