import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { cancelledError } from '../jobs/jobRunner';

export type ProgressFn = (done: number, total: number) => void;

export interface HashOptions {
  onProgress?: ProgressFn | undefined;
  signal?: AbortSignal | undefined;
  /** Also write every byte read here, so an import reads its file only once. */
  copyTo?: string | undefined;
}

/**
 * Streaming SHA-256 in 1 MiB chunks (FACTS.md: the fastest pure-Node way),
 * optionally copying the bytes it hashed. Stops between chunks when `signal` aborts.
 */
export async function sha256File(file: string, total: number, options: HashOptions | ProgressFn = {}): Promise<string> {
  const opts: HashOptions = typeof options === 'function' ? { onProgress: options } : options;
  const hash = createHash('sha256');
  const out = opts.copyTo === undefined ? null : await open(opts.copyTo, 'wx');
  let done = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      if (opts.signal?.aborted) throw cancelledError('Hashing');
      const buf = chunk as Buffer;
      hash.update(buf);
      if (out) await out.write(buf);
      done += buf.length;
      opts.onProgress?.(done, total);
    }
    if (out) await out.sync();
  } finally {
    await out?.close();
  }
  return hash.digest('hex');
}
