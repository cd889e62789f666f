import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriadError } from '../../shared/errors';
import { DEMO_SENTENCES, DEMO_WORDS, writeDemoModel } from '../../electron/core/models/demoModels';
import { kv, layoutGguf, writeGguf } from '../../electron/core/models/gguf/ggufWriter';
import type { GgufSpec } from '../../electron/core/models/gguf/ggufWriter';
import {
  knownSentencePieces,
  knownSentenceText,
  writeKnownSentenceModel,
} from '../../electron/core/models/gguf/knownSentenceModel';
import { buildLlamaVocab, LLAMA_BASE_VOCAB_SIZE, TOKEN_TYPE } from '../../electron/core/models/gguf/llamaVocab';
import { randomModelParameterCount, writeRandomModel } from '../../electron/core/models/gguf/randomModel';
import type { RandomModelSpec } from '../../electron/core/models/gguf/randomModel';
import { readGgufInfo } from '../../electron/core/models/gguf/readGgufInfo';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triad-gguf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sha256(filePath: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(filePath))
    .digest('hex');
}

async function expectTriadError(promise: Promise<unknown>, code: string): Promise<TriadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TriadError);
  const triad = error as TriadError;
  expect(triad.code).toBe(code);
  expect(triad.hint).toBeTruthy();
  return triad;
}

const smallSpec: GgufSpec = {
  metadata: [
    kv.string('general.architecture', 'test'),
    kv.uint32('general.alignment', 32),
    kv.uint32('test.u32', 4000000000),
    kv.int32('test.i32', -7),
    kv.float32('test.f32', 0.5),
    kv.bool('test.bool', true),
    kv.uint64('test.u64', 2n ** 40n),
    kv.uint32Array('test.u32s', [1, 2, 3]),
    kv.int32Array('test.i32s', [-1, 0, 1]),
    kv.float32Array('test.f32s', [0.25, -1.5]),
    kv.boolArray('test.bools', [true, false]),
    kv.uint64Array('test.u64s', [1, 2n ** 33n]),
    kv.stringArray('test.strs', ['a', 'é▁', '']),
  ],
  tensors: [
    // 3 floats = 12 bytes, so the next tensor must be padded to offset 32.
    { name: 'a', dims: [3], fill: (start, out) => out.forEach((_, i) => (out[i] = start + i + 1)) },
    { name: 'b', dims: [2, 2], chunks: () => [new Float32Array([5, 6]), new Float32Array([7, 8])] },
    { name: 'zeros', dims: [5] },
  ],
};

describe('writeGguf', () => {
  it('writes the GGUF v3 header: magic, version, counts, first key', async () => {
    const file = join(dir, 'small.gguf');
    await writeGguf(file, smallSpec);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(bytes.readUInt32LE(4)).toBe(3);
    expect(bytes.readBigUInt64LE(8)).toBe(3n); // tensors
    expect(bytes.readBigUInt64LE(16)).toBe(BigInt(smallSpec.metadata.length));
    // First kv: u64 key length, key, u32 type (8 = string), then the string value.
    const keyLength = Number(bytes.readBigUInt64LE(24));
    expect(bytes.subarray(32, 32 + keyLength).toString('utf8')).toBe('general.architecture');
    expect(bytes.readUInt32LE(32 + keyLength)).toBe(8);
  });

  it('aligns the data section and every tensor to 32 bytes and streams the data', async () => {
    const file = join(dir, 'small.gguf');
    const layout = layoutGguf(smallSpec);
    expect(layout.header.length % 32).toBe(0);
    expect(layout.tensorOffsets).toEqual([0, 32, 64]);
    expect((await stat(file)).size).toBe(layout.fileSize);
    expect(layout.fileSize).toBe(layout.header.length + 64 + 20);

    const bytes = await readFile(file);
    const f32 = (offset: number, n: number): number[] =>
      Array.from({ length: n }, (_, i) => bytes.readFloatLE(layout.header.length + offset + i * 4));
    expect(f32(0, 3)).toEqual([1, 2, 3]);
    expect(f32(12, 5)).toEqual([0, 0, 0, 0, 0]); // padding
    expect(f32(32, 4)).toEqual([5, 6, 7, 8]);
    expect(f32(64, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('round-trips every value type through node-llama-cpp’s parser', async () => {
    const info = await readGgufFileInfo(join(dir, 'small.gguf'), { logWarnings: false });
    const t = (info.metadata as unknown as { test: Record<string, unknown> }).test;
    expect(t).toMatchObject({
      u32: 4000000000,
      i32: -7,
      f32: 0.5,
      bool: true,
      u32s: [1, 2, 3],
      i32s: [-1, 0, 1],
      f32s: [0.25, -1.5],
      bools: [true, false],
      strs: ['a', 'é▁', ''],
    });
    // node-llama-cpp returns uint64 values as bigint.
    expect(t.u64).toBe(2n ** 40n);
    expect((t.u64s as unknown[]).map(Number)).toEqual([1, 2 ** 33]);
    expect(info.infoEndOffset).toBe(layoutGguf(smallSpec).header.length);
    expect(info.tensorInfo?.map((x) => [x.name, x.dimensions, x.offset])).toEqual([
      ['a', [3], 0],
      ['b', [2, 2], 32],
      ['zeros', [5], 64],
    ]);
  });

  it('hands fill() bounded chunks so large tensors are never built whole', async () => {
    const total = 600_000;
    const seen: [number, number][] = [];
    const file = join(dir, 'chunked.gguf');
    await writeGguf(file, {
      metadata: [kv.string('general.architecture', 'test')],
      tensors: [
        {
          name: 'big',
          dims: [1000, 600],
          fill: (start, out) => {
            seen.push([start, out.length]);
            for (let i = 0; i < out.length; i++) out[i] = (start + i) % 997;
          },
        },
      ],
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.max(...seen.map(([, n]) => n))).toBeLessThanOrEqual(256 * 1024);
    expect(seen.reduce((n, [, len]) => n + len, 0)).toBe(total);
    const bytes = await readFile(file);
    const start = layoutGguf({ metadata: [kv.string('general.architecture', 'test')], tensors: [{ name: 'big', dims: [1000, 600] }] })
      .header.length;
    for (const i of [0, 1, 262_143, 262_144, 599_999]) expect(bytes.readFloatLE(start + i * 4)).toBe(i % 997);
  });

  it('rejects invalid specs before touching the disk', async () => {
    const file = join(dir, 'invalid.gguf');
    await expect(
      writeGguf(file, { metadata: [kv.uint32('x', 1), kv.uint32('x', 2)], tensors: [] }),
    ).rejects.toThrow(/Duplicate GGUF key/);
    await expect(writeGguf(file, { metadata: [kv.uint32('x', -1)], tensors: [] })).rejects.toThrow(/uint32/);
    await expect(writeGguf(file, { metadata: [], tensors: [{ name: 't', dims: [0] }] })).rejects.toThrow(/dimension/);
    await expect(stat(file)).rejects.toThrow();
  });

  it('leaves no .partial behind and keeps the previous file when a write fails', async () => {
    const file = join(dir, 'atomic.gguf');
    await writeGguf(file, smallSpec);
    const before = await sha256(file);
    const failing: GgufSpec = {
      metadata: [kv.string('general.architecture', 'test')],
      tensors: [
        {
          name: 'boom',
          dims: [10],
          chunks: function* () {
            yield new Float32Array(4);
            throw new Error('generator failed');
          },
        },
      ],
    };
    await expect(writeGguf(file, failing)).rejects.toThrow('generator failed');
    const short: GgufSpec = {
      metadata: [],
      tensors: [{ name: 'short', dims: [10], chunks: () => [new Float32Array(4)] }],
    };
    await expect(writeGguf(file, short)).rejects.toThrow(/4 of 10/);
    expect(await sha256(file)).toBe(before);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

describe('llama vocabulary and generated models', () => {
  it('builds the SentencePiece base vocabulary', () => {
    const vocab = buildLlamaVocab(['hello', '▁world']);
    expect(vocab.tokens.slice(0, 3)).toEqual(['<unk>', '<s>', '</s>']);
    expect(vocab.types.slice(0, 3)).toEqual([TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control]);
    expect(vocab.tokens[vocab.firstByteId]).toBe('<0x00>');
    expect(vocab.tokens[vocab.firstByteId + 0x0a]).toBe('<0x0A>');
    expect(vocab.tokens[vocab.firstByteId + 255]).toBe('<0xFF>');
    expect(vocab.types.filter((t) => t === TOKEN_TYPE.byte)).toHaveLength(256);
    expect(vocab.tokens[vocab.spaceId]).toBe('▁');
    expect(vocab.tokens.length).toBe(LLAMA_BASE_VOCAB_SIZE + 2);
    expect(vocab.extraIds.map((id) => vocab.tokens[id])).toEqual(['hello', '▁world']);
    expect(vocab.scores).toHaveLength(vocab.tokens.length);
    expect(() => buildLlamaVocab(['a', 'a'])).toThrow(/Duplicate/);
  });

  it('maps sentence words to pieces and to the expected text', () => {
    expect(knownSentencePieces(['Hi!', 'card', '4111 1111'])).toEqual(['Hi!', '▁card', '▁4111▁1111']);
    expect(knownSentenceText(['Hi!', 'card', '4111 1111'])).toBe('Hi! card 4111 1111');
    for (const v of [1, 2] as const) expect(knownSentenceText(DEMO_WORDS[v])).toBe(DEMO_SENTENCES[v]);
    expect(DEMO_SENTENCES[2]).toContain('4111 1111 1111 1111');
    expect(DEMO_WORDS[2]).toContain('4111 1111 1111 1111');
  });

  it('refuses sentences the model could not reproduce exactly', async () => {
    const file = join(dir, 'bad-sentence.gguf');
    await expect(writeKnownSentenceModel(file, { name: 'x', words: ['a', 'b', 'a'] })).rejects.toThrow(/unique/);
    await expect(writeKnownSentenceModel(file, { name: 'x', words: [] })).rejects.toThrow(/at least one/);
    await expect(writeKnownSentenceModel(file, { name: 'x', words: ['two  spaces'] })).rejects.toThrow(/Invalid word/);
    await expect(
      writeKnownSentenceModel(file, { name: 'x', words: ['a', 'b', 'c', 'd'], embeddingLength: 4 }),
    ).rejects.toThrow(/embeddingLength/);
  });

  it('writes the demo models with the llama metadata readGgufInfo reports', async () => {
    const file = join(dir, 'demo-v2.gguf');
    const result = await writeDemoModel(2, file);
    expect(result.expectedText).toBe(DEMO_SENTENCES[2]);
    expect(result.fileSizeBytes).toBeLessThan(400_000);
    const summary = await readGgufInfo(file);
    expect(summary).toMatchObject({
      architecture: 'llama',
      name: 'demo-assistant',
      contextLength: 2048,
      embeddingLength: 64,
      blockCount: 1,
      fileType: 'ALL_F32',
      fileTypeId: 0,
      tensorCount: 12,
      sizeBytes: result.fileSizeBytes,
    });
    const info = await readGgufFileInfo(file, { logWarnings: false });
    expect(info.architectureMetadata).toMatchObject({
      feed_forward_length: 128,
      rope: { dimension_count: 8 },
      attention: { head_count: 8, head_count_kv: 8 },
    });
    expect(info.metadata.tokenizer?.ggml).toMatchObject({ model: 'llama', bos_token_id: 1, eos_token_id: 2, unknown_token_id: 0 });
  });
});

describe('random models and readGgufInfo', () => {
  const spec: RandomModelSpec = {
    name: 'random-small',
    embeddingLength: 128,
    blockCount: 2,
    feedForwardLength: 256,
    vocabExtraTokens: 100,
    headCount: 4,
    contextLength: 1024,
    seed: 42,
  };

  let file: string;
  let result: Awaited<ReturnType<typeof writeRandomModel>>;

  beforeAll(async () => {
    file = join(dir, 'random-a.gguf');
    result = await writeRandomModel(file, spec);
  });

  it('round-trips the shape of a random model', async () => {
    const vocab = LLAMA_BASE_VOCAB_SIZE + 100;
    const expectedParams = 2 * vocab * 128 + 128 + 2 * (2 * 128 + 4 * 128 * 128 + 3 * 128 * 256);
    expect(randomModelParameterCount(spec)).toBe(expectedParams);
    expect(result).toEqual({ parameterCount: expectedParams, vocabSize: vocab });
    const summary = await readGgufInfo(file);
    expect(summary).toEqual({
      architecture: 'llama',
      name: 'random-small',
      contextLength: 1024,
      embeddingLength: 128,
      blockCount: 2,
      parameterCount: expectedParams,
      fileType: 'ALL_F32',
      fileTypeId: 0,
      tensorCount: 3 + 9 * 2,
      sizeBytes: (await stat(file)).size,
    });
    // F32 data dominates: the file is the parameters plus a small header.
    expect(summary.sizeBytes).toBeGreaterThan(expectedParams * 4);
    expect(summary.sizeBytes).toBeLessThan(expectedParams * 4 + 64 * 1024);
  });

  it('is byte-for-byte deterministic for a seed, and differs across seeds', async () => {
    const a = file;
    const b = join(dir, 'random-b.gguf');
    const c = join(dir, 'random-c.gguf');
    await writeRandomModel(b, spec);
    await writeRandomModel(c, { ...spec, seed: 43 });
    expect(await sha256(b)).toBe(await sha256(a));
    expect(await sha256(c)).not.toBe(await sha256(a));
    // Weights are small, and norm gains are exactly 1.
    const info = await readGgufFileInfo(a, { logWarnings: false });
    const bytes = await readFile(a);
    const tensor = (name: string) => info.tensorInfo?.find((t) => t.name === name);
    const q = tensor('blk.0.attn_q.weight');
    const norm = tensor('blk.1.ffn_norm.weight');
    const qValues = Array.from({ length: 64 }, (_, i) => bytes.readFloatLE(Number(q?.fileOffset) + i * 4));
    expect(qValues.every((v) => Math.abs(v) <= 0.02)).toBe(true);
    expect(new Set(qValues).size).toBeGreaterThan(60);
    expect(bytes.readFloatLE(Number(norm?.fileOffset))).toBe(1);
  });

  it('refuses missing, non-GGUF, empty and truncated files', async () => {
    await expectTriadError(readGgufInfo(join(dir, 'nope.gguf')), 'NOT_FOUND');

    const text = join(dir, 'notes.gguf');
    await writeFile(text, 'this is not a model, just some text that is long enough');
    const notGguf = await expectTriadError(readGgufInfo(text), 'MODEL_INVALID');
    expect(notGguf.message).toMatch(/magic/);

    const empty = join(dir, 'empty.gguf');
    await writeFile(empty, '');
    await expectTriadError(readGgufInfo(empty), 'MODEL_INVALID');

    await expectTriadError(readGgufInfo(dir), 'MODEL_INVALID');

    const source = await readFile(file);
    const cutData = join(dir, 'cut-data.gguf');
    await writeFile(cutData, source);
    await truncate(cutData, source.length - 1);
    const truncated = await expectTriadError(readGgufInfo(cutData), 'MODEL_INVALID');
    expect(truncated.message).toMatch(/truncated/);

    const cutHeader = join(dir, 'cut-header.gguf');
    await writeFile(cutHeader, source.subarray(0, 2000));
    await expectTriadError(readGgufInfo(cutHeader), 'MODEL_INVALID');

    // Corrupt headers must fail fast (node-llama-cpp alone would read zeros past EOF).
    const header = (version: number, tensors: bigint, kvs: bigint, tail: Buffer = Buffer.alloc(0)): Buffer => {
      const b = Buffer.alloc(24);
      b.write('GGUF', 0, 'latin1');
      b.writeUInt32LE(version, 4);
      b.writeBigUInt64LE(tensors, 8);
      b.writeBigUInt64LE(kvs, 16);
      return Buffer.concat([b, tail]);
    };
    const hugeString = Buffer.alloc(64);
    hugeString.writeBigUInt64LE(2n ** 60n);
    const corrupt: [string, Buffer, RegExp][] = [
      ['v99', header(99, 0n, 0n), /version 99/],
      ['big-endian', header(0x03000000, 0n, 0n), /big-endian/],
      ['huge-tensor-count', header(3, 2n ** 62n, 0n), /counts/],
      ['huge-kv-count', header(3, 0n, 2n ** 62n), /counts/],
      ['huge-string', header(3, 0n, 1n, hugeString), /past the end/],
      ['magic-only', Buffer.from('GGUF'), /ends inside/],
    ];
    for (const [name, bytes, message] of corrupt) {
      const path = join(dir, `${name}.gguf`);
      await writeFile(path, bytes);
      expect((await expectTriadError(readGgufInfo(path), 'MODEL_INVALID')).message).toMatch(message);
    }

    const noTensors = join(dir, 'no-tensors.gguf');
    await writeGguf(noTensors, { metadata: [kv.string('general.architecture', 'llama')], tensors: [] });
    await expectTriadError(readGgufInfo(noTensors), 'MODEL_INVALID');
  });
});
