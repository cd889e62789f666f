import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriadEvent } from '../../shared/events';
import { kv, writeGguf } from '../../electron/core/models/gguf/ggufWriter';
import { randomModelParameterCount, writeRandomModel } from '../../electron/core/models/gguf/randomModel';
import { SYSTEM_ACTOR } from '../../electron/core/governance/audit';
import { runTriad } from '../helpers/cli';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

const SHAPE = { name: 'shape-test', embeddingLength: 128, blockCount: 3, feedForwardLength: 256, headCount: 2, contextLength: 512, vocabExtraTokens: 40, seed: 7 };

/** A minimal GGUF with the keys Triad requires, plus whatever `extra` adds. */
async function writeTinyGguf(file: string, architecture: string, extra: ReturnType<typeof kv.string>[] = []): Promise<void> {
  await writeGguf(file, {
    metadata: [
      kv.string('general.architecture', architecture),
      kv.uint32('general.alignment', 32),
      kv.uint32(`${architecture}.context_length`, 256),
      kv.uint32(`${architecture}.embedding_length`, 8),
      kv.uint32(`${architecture}.block_count`, 1),
      ...extra,
    ],
    tensors: [{ name: 'token_embd.weight', dims: [8, 4] }],
  });
}

function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file]).toString().split(' ')[0]!;
}

describe('importing GGUF files', () => {
  let fx: DemoFixture;
  let scratch: { home: string; cleanup(): void };
  beforeAll(async () => {
    fx = await openDemoFixture();
    scratch = makeTempHome('triad-import-');
  });
  afterAll(async () => {
    await fx.close();
    scratch.cleanup();
  });

  const call = (method: string, input: unknown, emit?: (e: TriadEvent) => void) =>
    fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli', ...(emit ? { emit } : {}) });
  const storeLeftovers = () => readdirSync(fx.ws.paths.modelStore).filter((f) => f.endsWith('.partial'));

  it('hashes like sha256sum, copies into the content-addressed store and reads the metadata of a known shape', async () => {
    const file = join(scratch.home, 'shape.gguf');
    await writeRandomModel(file, SHAPE);
    const events: TriadEvent[] = [];
    const r = (await call('models.import', { path: file, name: 'shape', notes: 'first', jobId: 'job-shape-1' }, (e) => events.push(e))) as {
      version: { version: number; sha256: string; sizeBytes: number; stage: string; createdBy: string };
      metadata: Record<string, unknown> & { memory: { totalBytes: number; kvCacheBytes: number } };
      duplicate: boolean;
    };
    expect(r.duplicate).toBe(false);
    expect(r.version.version).toBe(1);
    expect(r.version.stage).toBe('draft');
    expect(r.version.createdBy).toBe('admin');
    expect(r.version.sha256).toBe(sha256sum(file));
    const stored = fx.ws.models.resolve('shape@1');
    expect(stored.path).toBe(join(fx.ws.paths.modelStore, `${r.version.sha256}.gguf`));
    expect(sha256sum(stored.path)).toBe(r.version.sha256);
    expect(r.metadata).toMatchObject({
      architecture: 'llama',
      generalName: 'shape-test',
      parameterCount: randomModelParameterCount(SHAPE),
      fileType: 'ALL_F32',
      quantization: 'F32',
      contextLength: 512,
      embeddingLength: 128,
      blockCount: 3,
      headCount: 2,
      headCountKv: 2,
      feedForwardLength: 256,
      tokenizer: 'llama',
    });
    // K and V, f16, per layer, at the full context: 2 * 3 * 512 * 128 * 2 bytes.
    expect(r.metadata.memory.kvCacheBytes).toBe(2 * 3 * 512 * 128 * 2);
    expect(r.metadata.memory.totalBytes).toBe(r.version.sizeBytes + r.metadata.memory.kvCacheBytes);
    // Progress arrived as job events, ending at the file size.
    const progress = events.filter((e) => e.type === 'job.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((e) => e.jobId === 'job-shape-1')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: r.version.sizeBytes, total: r.version.sizeBytes });
  });

  it('keeps the author and license fields a file carries, and the chat template', async () => {
    const file = join(scratch.home, 'prov.gguf');
    await writeTinyGguf(file, 'llama', [
      kv.string('general.author', 'Model Risk Team'),
      kv.string('general.license', 'Apache-2.0'),
      kv.string('tokenizer.chat_template', '{{ messages }}'),
    ]);
    const r = (await call('models.import', { path: file, name: 'prov' })) as { metadata: { provenance: Record<string, string>; chatTemplate: string } };
    expect(r.metadata.provenance).toEqual({ author: 'Model Risk Team', license: 'Apache-2.0' });
    expect(r.metadata.chatTemplate).toBe('{{ messages }}');
  });

  it('recognises the same bytes: a duplicate under the same name adds nothing, another name shares the stored file', async () => {
    const file = join(scratch.home, 'shape-copy.gguf');
    await writeRandomModel(file, SHAPE);
    const again = (await call('models.import', { path: file, name: 'shape' })) as { duplicate: boolean; version: { version: number } };
    expect(again).toMatchObject({ duplicate: true, version: { version: 1 } });
    expect(fx.ws.models.show('shape').versions).toHaveLength(1);
    const twin = (await call('models.import', { path: file, name: 'shape-twin' })) as { duplicate: boolean; sameBytesAs: string[] };
    expect(twin).toMatchObject({ duplicate: false, sameBytesAs: ['shape@1'] });
    const gguf = readdirSync(fx.ws.paths.modelStore).filter((f) => f.endsWith('.gguf'));
    expect(new Set(gguf).size).toBe(gguf.length);
    expect(fx.ws.models.resolve('shape-twin@1').path).toBe(fx.ws.models.resolve('shape@1').path);
  });

  it('with link keeps the file where it is', async () => {
    const file = join(scratch.home, 'linked.gguf');
    await writeRandomModel(file, { ...SHAPE, seed: 99 });
    await call('models.import', { path: file, name: 'linked', link: true });
    expect(fx.ws.models.resolve('linked').path).toBe(file);
  });

  describe('refuses bad input with a clear error and registers nothing', () => {
    const refuses = async (input: Record<string, unknown>, expected: Record<string, unknown>) => {
      const before = fx.ws.models.count();
      const audits = fx.ws.audit.recent(1000).length;
      await expect(call('models.import', input)).rejects.toMatchObject(expected);
      expect(fx.ws.models.count()).toBe(before);
      expect(fx.ws.audit.recent(1000).length).toBe(audits);
      expect(storeLeftovers()).toEqual([]);
    };

    it('a file that is not GGUF', async () => {
      const file = join(scratch.home, 'notes.gguf');
      writeFileSync(file, 'plain text\n'.repeat(500));
      await refuses({ path: file, name: 'junk' }, { code: 'MODEL_INVALID', message: expect.stringContaining('GGUF magic') });
    });

    it('a truncated GGUF', async () => {
      const file = join(scratch.home, 'cut.gguf');
      await writeRandomModel(file, { ...SHAPE, seed: 3 });
      execFileSync('truncate', ['-s', '100000', file]);
      await refuses({ path: file, name: 'cut' }, { code: 'MODEL_INVALID', message: expect.stringContaining('truncated') });
    });

    it('an unsupported architecture', async () => {
      const file = join(scratch.home, 'alien.gguf');
      await writeTinyGguf(file, 'frobnicator');
      await refuses({ path: file, name: 'alien' }, { code: 'MODEL_INVALID', message: expect.stringContaining('"frobnicator"') });
    });

    it('an unreadable path', async () => {
      await refuses({ path: join(scratch.home, 'nope.gguf'), name: 'nope' }, { code: 'NOT_FOUND' });
      await refuses({ path: scratch.home, name: 'dir' }, { code: 'MODEL_INVALID', message: expect.stringContaining('not a file') });
    });

    it('a bad model name or both a path and an upload', async () => {
      await refuses({ path: '/x.gguf', name: 'has space' }, { code: 'BAD_INPUT' });
      await refuses({ path: '/x.gguf', uploadId: '00000000-0000-4000-8000-000000000000', name: 'x' }, { code: 'BAD_INPUT' });
    });

    it('a file that changes during import', async () => {
      const file = join(scratch.home, 'moving.gguf');
      await writeRandomModel(file, { ...SHAPE, seed: 11 });
      const before = fx.ws.models.count();
      let touched = false;
      await expect(
        fx.ws.models.import({
          file,
          name: 'moving',
          actor: SYSTEM_ACTOR,
          source: 'system',
          onProgress: (done) => {
            if (done > 0 && !touched) {
              touched = true;
              appendFileSync(file, Buffer.alloc(32));
            }
          },
        }),
      ).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('changed while') });
      expect(fx.ws.models.count()).toBe(before);
      expect(storeLeftovers()).toEqual([]);
    });
  });

  it('cancels an import on request and keeps nothing', async () => {
    const file = join(scratch.home, 'big.gguf');
    // About 5 MiB: several hashing chunks, so the cancel lands mid-way.
    await writeRandomModel(file, { name: 'big', embeddingLength: 256, blockCount: 4, feedForwardLength: 512, seed: 5 });
    const before = fx.ws.models.count();
    let cancelled = false;
    await expect(
      call('models.import', { path: file, name: 'big', jobId: 'job-cancel-1' }, (e) => {
        if (e.type === 'job.progress' && e.done > 0 && !cancelled) {
          cancelled = true;
          void call('models.cancelJob', { jobId: 'job-cancel-1' });
        }
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fx.ws.models.count()).toBe(before);
    expect(storeLeftovers()).toEqual([]);
    expect(fx.ws.jobs.isRunning('job-cancel-1')).toBe(false);
  });

  it('imports a file uploaded in chunks (the browser path) and deletes the upload', async () => {
    const file = join(scratch.home, 'upload.gguf');
    await writeRandomModel(file, { ...SHAPE, seed: 21 });
    const bytes = (await import('node:fs')).readFileSync(file);
    const { uploadId, chunkBytes } = (await call('models.uploadBegin', { fileName: 'upload.gguf', sizeBytes: bytes.length })) as {
      uploadId: string;
      chunkBytes: number;
    };
    await expect(call('models.uploadChunk', { uploadId, offset: 5, data: 'AAAA' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(call('models.import', { uploadId, name: 'uploaded' })).rejects.toMatchObject({ message: expect.stringContaining('incomplete') });
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      const chunk = bytes.subarray(offset, offset + chunkBytes);
      await call('models.uploadChunk', { uploadId, offset, data: chunk.toString('base64') });
    }
    const r = (await call('models.import', { uploadId, name: 'uploaded' })) as { version: { sha256: string } };
    expect(r.version.sha256).toBe(sha256sum(file));
    expect(existsSync(join(fx.ws.paths.tmp, 'uploads', `${uploadId}.part`))).toBe(false);
    await expect(call('models.import', { uploadId, name: 'uploaded' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('triad models import --json prints the documented fields', async () => {
    const file = join(scratch.home, 'cli.gguf');
    await writeRandomModel(file, { ...SHAPE, seed: 42 });
    const env = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
    const res = await runTriad(['models', 'import', file, '--name', 'from-cli', '--notes', 'via CLI', '--json', '--home', fx.home], env);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({
      name: 'from-cli',
      version: 1,
      sha256: sha256sum(file),
      architecture: 'llama',
      parameters: randomModelParameterCount(SHAPE),
      quantization: 'F32',
      contextLength: 512,
      sizeBytes: (await import('node:fs')).statSync(file).size,
      duplicate: false,
    });
    const bad = await runTriad(['models', 'import', join(scratch.home, 'missing.gguf'), '--name', 'x', '--home', fx.home], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('error [NOT_FOUND]');
  });
});
