import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../../electron/core/governance/audit';
import { writeRandomModel } from '../../electron/core/models/gguf/randomModel';
import type { Workspace } from '../../electron/core/workspace';

export const RANDOM_MODEL = 'noise';

/**
 * Registers a ~5M-parameter random-weight model as `noise@1`. Greedy decoding
 * on it never emits end-of-sequence in the first thousands of tokens (seed 7),
 * at ~200 tokens/s on one core: long enough to watch, sample and kill a run.
 */
export async function registerRandomModel(ws: Workspace): Promise<void> {
  const dir = await mkdtemp(join(ws.paths.tmp, 'noise-'));
  try {
    const file = join(dir, 'noise.gguf');
    await writeRandomModel(file, { name: RANDOM_MODEL, embeddingLength: 256, blockCount: 4, feedForwardLength: 1024, seed: 7 });
    await ws.models.import({ file, name: RANDOM_MODEL, actor: SYSTEM_ACTOR, source: 'system' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
