import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type ProgressFn = (done: number, total: number) => void;

/** Streaming SHA-256 in 1 MiB chunks (FACTS.md: the fastest pure-Node way). */
export async function sha256File(file: string, total: number, onProgress?: ProgressFn): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    done += buf.length;
    onProgress?.(done, total);
  }
  return hash.digest('hex');
}
