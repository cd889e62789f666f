import { totalmem } from 'node:os';
import type { EngineSettings, GpuChoice } from '../runtime/engineSettings';
import type { EffectiveSettings } from './settingsService';

const MB = 1024 * 1024;

/** The engine's settings from the effective workspace settings (env > stored > default already applied). */
export function engineSettingsFrom(s: EffectiveSettings): EngineSettings {
  const memoryMb = s['runtime.modelMemoryMb'];
  const threads = s['runtime.threads'];
  return {
    gpu: s['runtime.gpu'] as GpuChoice,
    threads: typeof threads === 'number' ? threads : undefined,
    // Half the machine's memory by default: room for the OS, the app and one more model's context.
    memoryBudgetBytes: typeof memoryMb === 'number' ? memoryMb * MB : Math.floor(totalmem() / 2),
    contextSize: Number(s['runtime.contextSize']),
    maxQueued: Number(s['runtime.runQueue']),
  };
}
