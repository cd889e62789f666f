import { TriadError } from '../../../shared/errors';
import type { ApiClient } from '../api/ApiClient';

function chunkBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Sends a dropped file to the workspace in chunks (a browser cannot give the
 * server a path). Returns the upload id to import; on failure or cancel the
 * partial upload is discarded.
 */
export async function uploadFile(api: ApiClient, file: File, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<string> {
  const { uploadId, chunkBytes } = await api.call('models.uploadBegin', { fileName: file.name, sizeBytes: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      if (signal.aborted) throw new TriadError('CANCELLED', 'The upload was cancelled; nothing was kept.');
      const data = await chunkBase64(file.slice(offset, offset + chunkBytes));
      const { received } = await api.call('models.uploadChunk', { uploadId, offset, data });
      onProgress(received, file.size);
    }
    return uploadId;
  } catch (error) {
    await api.call('models.uploadDiscard', { uploadId }).catch(() => undefined);
    throw error;
  }
}
