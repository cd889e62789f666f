import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TriadError } from '../../../shared/errors';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/methods/models';
import type { Clock } from '../clock';

interface Upload {
  id: string;
  ownerId: string;
  fileName: string;
  path: string;
  sizeBytes: number;
  received: number;
  touchedAt: number;
  /** A chunk is being written; another at the same time would race on `received`. */
  writing: boolean;
}

/** Uploads untouched this long are deleted the next time anyone starts one. */
const STALE_MS = 60 * 60_000;

/**
 * A browser cannot hand the server a file path, so the Models page uploads a
 * dropped file in chunks into the home's tmp folder and then imports it. Chunks
 * must arrive in order (the offset is checked), and only the user who started an
 * upload may add to it, import it or discard it. Uploads live in this process
 * only: a restarted server forgets them (and start-up leaves the folder to tmp clean-up).
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly dir: string;

  constructor(
    tmpDir: string,
    private readonly clock: Clock,
  ) {
    this.dir = join(tmpDir, 'uploads');
  }

  async begin(ownerId: string, fileName: string, sizeBytes: number): Promise<{ uploadId: string; chunkBytes: number }> {
    await this.sweep();
    mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const path = join(this.dir, `${id}.part`);
    await (await open(path, 'wx')).close();
    this.uploads.set(id, { id, ownerId, fileName, path, sizeBytes, received: 0, touchedAt: this.clock.now(), writing: false });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  async append(ownerId: string, uploadId: string, offset: number, base64: string): Promise<{ received: number; complete: boolean }> {
    const upload = this.own(ownerId, uploadId);
    if (offset !== upload.received) {
      throw new TriadError('BAD_INPUT', `Upload chunk at offset ${offset}, but ${upload.received} bytes have arrived.`, 'Resume from the received offset.');
    }
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length === 0 || bytes.length > UPLOAD_CHUNK_BYTES) throw new TriadError('BAD_INPUT', 'An upload chunk must hold 1 byte to 1 MiB.');
    if (upload.received + bytes.length > upload.sizeBytes) {
      throw new TriadError('BAD_INPUT', `The upload is larger than the announced ${upload.sizeBytes} bytes.`, 'Start the upload again.');
    }
    if (upload.writing) throw new TriadError('BUSY', 'Another chunk of this upload is still being written.', 'Send chunks one after another.');
    upload.writing = true;
    try {
      const handle = await open(upload.path, 'r+');
      try {
        await handle.write(bytes, 0, bytes.length, offset);
      } finally {
        await handle.close();
      }
    } finally {
      upload.writing = false;
    }
    upload.received += bytes.length;
    upload.touchedAt = this.clock.now();
    return { received: upload.received, complete: upload.received === upload.sizeBytes };
  }

  /** The finished upload's file, for importing; it stays until `discard`. */
  async complete(ownerId: string, uploadId: string): Promise<{ path: string; fileName: string }> {
    const upload = this.own(ownerId, uploadId);
    const size = (await stat(upload.path)).size;
    if (upload.received !== upload.sizeBytes || size !== upload.sizeBytes) {
      throw new TriadError('BAD_INPUT', `The upload of ${upload.fileName} is incomplete (${upload.received} of ${upload.sizeBytes} bytes).`, 'Send the remaining chunks first.');
    }
    return { path: upload.path, fileName: upload.fileName };
  }

  async discard(ownerId: string, uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.ownerId !== ownerId) return false;
    this.uploads.delete(uploadId);
    await rm(upload.path, { force: true });
    return true;
  }

  private own(ownerId: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.ownerId !== ownerId) {
      throw new TriadError('NOT_FOUND', 'No such upload (it may have finished, been discarded, or the server restarted).', 'Drop the file again.');
    }
    return upload;
  }

  private async sweep(): Promise<void> {
    const cutoff = this.clock.now() - STALE_MS;
    for (const upload of [...this.uploads.values()]) {
      if (upload.touchedAt < cutoff) await this.discard(upload.ownerId, upload.id);
    }
  }
}
