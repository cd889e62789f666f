import { randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TriadError } from '../../../shared/errors';
import { sha256File } from './hashFile';

export interface StagedFile {
  sha256: string;
  /** The file's mtime after hashing (unchanged since `before`). */
  mtimeMs: number;
  /** Moves the copy into the content-addressed store (or keeps a linked file where it is). */
  commit(): Promise<{ path: string; storedMtime: number }>;
  /** Removes the copy if it was not committed; safe to call always. */
  discard(): Promise<void>;
}

export interface StageOptions {
  /** Keep the file where it is instead of copying it into the store. */
  link?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, label: string) => void) | undefined;
  /** Turns a read error into the caller's typed error. */
  readError?: (error: unknown) => TriadError;
}

/**
 * Hashes a file (models and adapters alike) and, unless linked, copies it into
 * the store's staging area in the same pass; refuses a file that changed
 * meanwhile. Nothing reaches the store until commit(): the store is
 * content-addressed, so bytes already there are shared, not copied twice.
 */
export async function stageFile(modelStore: string, file: string, before: Stats, options: StageOptions = {}): Promise<StagedFile> {
  await mkdir(modelStore, { recursive: true });
  const partial = options.link ? undefined : join(modelStore, `.${randomUUID()}.partial`);
  const discard = async (): Promise<void> => {
    if (partial !== undefined) await rm(partial, { force: true });
  };
  try {
    const label = options.link ? 'Hashing' : 'Hashing and copying into the store';
    const sha256 = await sha256File(file, before.size, {
      onProgress: (done, total) => options.onProgress?.(done, total, label),
      signal: options.signal,
      copyTo: partial,
    }).catch((error: unknown) => {
      throw error instanceof TriadError || !options.readError ? error : options.readError(error);
    });
    const after = await stat(file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new TriadError('MODEL_INVALID', `${file} changed while it was being imported.`, 'Import it again once nothing is writing to it.');
    }
    return {
      sha256,
      mtimeMs: after.mtimeMs,
      discard,
      commit: async () => {
        if (partial === undefined) return { path: file, storedMtime: after.mtimeMs };
        const path = join(modelStore, `${sha256}.gguf`);
        const present = await stat(path).catch(() => null);
        if (!present || present.size !== after.size) await rename(partial, path);
        return { path, storedMtime: (await stat(path)).mtimeMs };
      },
    };
  } catch (error) {
    await discard();
    throw error;
  }
}
