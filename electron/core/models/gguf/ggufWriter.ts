/**
 * Minimal GGUF v3 writer (little-endian, F32 tensors only).
 *
 * No model can be downloaded on the machines Triad targets, so tests and the demo
 * write their own GGUF files. The header (metadata + tensor infos) is small and is
 * built in memory; tensor data is streamed chunk by chunk so a 100+ MB random model
 * never sits in memory whole. The file is written to `<path>.partial` and renamed
 * only once complete, so a crash or error never leaves a half-written model at the
 * final path (which a model registry might otherwise pick up).
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** GGUF spec: `GGUF` read as a little-endian u32. */
export const GGUF_MAGIC = 0x46554747;
export const GGUF_VERSION = 3;
/** Default alignment of the data section and of each tensor (GGUF spec). */
export const GGUF_DEFAULT_ALIGNMENT = 32;
/** ggml supports at most 4 dimensions per tensor. */
const GGML_MAX_DIMS = 4;
/** ggml type id of F32; the only tensor type this writer produces. */
export const GGML_TYPE_F32 = 0;

/** GGUF value type ids (gguf.h `enum gguf_type`). */
const VALUE_TYPE = {
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
} as const;

export type GgufArrayItemType = 'uint32' | 'int32' | 'float32' | 'bool' | 'string' | 'uint64';

/** One metadata key/value with an explicit GGUF type (JS numbers alone are ambiguous). */
export type GgufKv =
  | { key: string; type: 'uint32' | 'int32' | 'float32'; value: number }
  | { key: string; type: 'uint64'; value: number | bigint }
  | { key: string; type: 'bool'; value: boolean }
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'array'; itemType: 'uint32' | 'int32' | 'float32'; value: readonly number[] }
  | { key: string; type: 'array'; itemType: 'uint64'; value: readonly (number | bigint)[] }
  | { key: string; type: 'array'; itemType: 'bool'; value: readonly boolean[] }
  | { key: string; type: 'array'; itemType: 'string'; value: readonly string[] };

/** Small constructors so call sites read like the GGUF key tables. */
export const kv = {
  uint32: (key: string, value: number): GgufKv => ({ key, type: 'uint32', value }),
  int32: (key: string, value: number): GgufKv => ({ key, type: 'int32', value }),
  float32: (key: string, value: number): GgufKv => ({ key, type: 'float32', value }),
  uint64: (key: string, value: number | bigint): GgufKv => ({ key, type: 'uint64', value }),
  bool: (key: string, value: boolean): GgufKv => ({ key, type: 'bool', value }),
  string: (key: string, value: string): GgufKv => ({ key, type: 'string', value }),
  uint32Array: (key: string, value: readonly number[]): GgufKv => ({ key, type: 'array', itemType: 'uint32', value }),
  int32Array: (key: string, value: readonly number[]): GgufKv => ({ key, type: 'array', itemType: 'int32', value }),
  float32Array: (key: string, value: readonly number[]): GgufKv => ({ key, type: 'array', itemType: 'float32', value }),
  uint64Array: (key: string, value: readonly (number | bigint)[]): GgufKv => ({
    key,
    type: 'array',
    itemType: 'uint64',
    value,
  }),
  boolArray: (key: string, value: readonly boolean[]): GgufKv => ({ key, type: 'array', itemType: 'bool', value }),
  stringArray: (key: string, value: readonly string[]): GgufKv => ({ key, type: 'array', itemType: 'string', value }),
};

/**
 * An F32 tensor. Its element count is the product of `dims` (innermost first, as
 * GGUF stores them). Data comes from exactly one of:
 * - `fill(chunkStart, out)`: write elements [chunkStart, chunkStart + out.length) into `out`
 *   (`out` arrives zeroed, so sparse tensors only set their non-zero entries);
 * - `chunks()`: yields Float32Arrays whose lengths sum to the element count. The writer
 *   finishes with each chunk before asking for the next, so a producer may reuse a buffer.
 * A tensor with neither is all zeros.
 */
export interface GgufTensorSpec {
  name: string;
  dims: readonly number[];
  fill?: (chunkStart: number, out: Float32Array) => void;
  chunks?: () => Iterable<Float32Array> | AsyncIterable<Float32Array>;
}

export interface GgufSpec {
  metadata: readonly GgufKv[];
  tensors: readonly GgufTensorSpec[];
}

/** Elements per streamed chunk: 1 MiB of F32, small enough to never matter for memory. */
const CHUNK_ELEMENTS = 256 * 1024;

export function tensorElementCount(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

export function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

/** Grows as the header is serialised; avoids computing sizes twice. */
class ByteSink {
  private buf = Buffer.alloc(64 * 1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u32(v: number): void {
    this.reserve(4);
    this.buf.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.buf.writeInt32LE(v, this.length);
    this.length += 4;
  }
  f32(v: number): void {
    this.reserve(4);
    this.buf.writeFloatLE(v, this.length);
    this.length += 4;
  }
  u64(v: number | bigint): void {
    this.reserve(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.length);
    this.length += 8;
  }
  bool(v: boolean): void {
    this.reserve(1);
    this.buf.writeUInt8(v ? 1 : 0, this.length);
    this.length += 1;
  }
  /** GGUF string: u64 byte length + UTF-8 bytes, no terminator. */
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.reserve(bytes.length);
    bytes.copy(this.buf, this.length);
    this.length += bytes.length;
  }
  zeros(n: number): void {
    this.reserve(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }
  toBuffer(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

function writeScalar(sink: ByteSink, type: GgufArrayItemType, value: number | bigint | boolean | string): void {
  switch (type) {
    case 'uint32':
      sink.u32(value as number);
      return;
    case 'int32':
      sink.i32(value as number);
      return;
    case 'float32':
      sink.f32(value as number);
      return;
    case 'uint64':
      sink.u64(value as number | bigint);
      return;
    case 'bool':
      sink.bool(value as boolean);
      return;
    case 'string':
      sink.str(value as string);
      return;
  }
}

function checkScalar(key: string, type: GgufArrayItemType, value: unknown): void {
  const bad = (): never => {
    throw new Error(`GGUF key "${key}": ${String(value)} is not a valid ${type}`);
  };
  switch (type) {
    case 'uint32':
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0xffffffff) bad();
      return;
    case 'int32':
      if (!Number.isInteger(value) || (value as number) < -0x80000000 || (value as number) > 0x7fffffff) bad();
      return;
    case 'float32':
      if (typeof value !== 'number' || Number.isNaN(value)) bad();
      return;
    case 'uint64': {
      const ok =
        (typeof value === 'bigint' && value >= 0n && value < 1n << 64n) ||
        (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
      if (!ok) bad();
      return;
    }
    case 'bool':
      if (typeof value !== 'boolean') bad();
      return;
    case 'string':
      if (typeof value !== 'string') bad();
      return;
  }
}

/** Alignment the file declares; readers (llama.cpp included) honour `general.alignment`. */
function resolveAlignment(metadata: readonly GgufKv[]): number {
  const entry = metadata.find((m) => m.key === 'general.alignment');
  if (entry === undefined) return GGUF_DEFAULT_ALIGNMENT;
  if (entry.type !== 'uint32' || entry.value <= 0 || entry.value % 8 !== 0) {
    throw new Error('GGUF key "general.alignment" must be a uint32 multiple of 8');
  }
  return entry.value;
}

export interface GgufLayout {
  /** Serialised header including the padding up to the data section. */
  header: Buffer;
  alignment: number;
  /** Byte offset of each tensor relative to the start of the data section. */
  tensorOffsets: number[];
  /** Total file size once all tensor data is written. */
  fileSize: number;
}

/** Validates the spec and lays out the file. Exported so tests can check offsets. */
export function layoutGguf(spec: GgufSpec): GgufLayout {
  const alignment = resolveAlignment(spec.metadata);
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(spec.tensors.length);
  sink.u64(spec.metadata.length);

  const keys = new Set<string>();
  for (const entry of spec.metadata) {
    if (entry.key.length === 0) throw new Error('GGUF metadata keys must not be empty');
    if (keys.has(entry.key)) throw new Error(`Duplicate GGUF key "${entry.key}"`);
    keys.add(entry.key);
    sink.str(entry.key);
    if (entry.type === 'array') {
      sink.u32(VALUE_TYPE.array);
      sink.u32(VALUE_TYPE[entry.itemType]);
      sink.u64(entry.value.length);
      for (const item of entry.value) {
        checkScalar(entry.key, entry.itemType, item);
        writeScalar(sink, entry.itemType, item);
      }
    } else {
      checkScalar(entry.key, entry.type, entry.value);
      sink.u32(VALUE_TYPE[entry.type]);
      writeScalar(sink, entry.type, entry.value);
    }
  }

  const names = new Set<string>();
  const tensorOffsets: number[] = [];
  let dataSize = 0;
  for (const tensor of spec.tensors) {
    if (names.has(tensor.name)) throw new Error(`Duplicate GGUF tensor "${tensor.name}"`);
    names.add(tensor.name);
    if (tensor.dims.length === 0 || tensor.dims.length > GGML_MAX_DIMS) {
      throw new Error(`Tensor "${tensor.name}" must have 1..${GGML_MAX_DIMS} dimensions`);
    }
    if (!tensor.dims.every((d) => Number.isSafeInteger(d) && d > 0)) {
      throw new Error(`Tensor "${tensor.name}" has an invalid dimension: [${tensor.dims.join(', ')}]`);
    }
    if (tensor.fill !== undefined && tensor.chunks !== undefined) {
      throw new Error(`Tensor "${tensor.name}": give either fill or chunks, not both`);
    }
    const offset = alignUp(dataSize, alignment);
    tensorOffsets.push(offset);
    dataSize = offset + tensorElementCount(tensor.dims) * 4;

    sink.str(tensor.name);
    sink.u32(tensor.dims.length);
    for (const d of tensor.dims) sink.u64(d);
    sink.u32(GGML_TYPE_F32);
    sink.u64(offset);
  }
  sink.zeros(alignUp(sink.length, alignment) - sink.length);
  const header = sink.toBuffer();
  return { header, alignment, tensorOffsets, fileSize: header.length + dataSize };
}

async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written);
    written += bytesWritten;
  }
}

function asBytes(chunk: Float32Array): Uint8Array {
  // F32 data goes to disk in host order; every platform Triad ships on is little-endian.
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function streamTensor(handle: FileHandle, tensor: GgufTensorSpec): Promise<void> {
  const total = tensorElementCount(tensor.dims);
  if (tensor.chunks !== undefined) {
    let seen = 0;
    for await (const chunk of tensor.chunks()) {
      if (seen + chunk.length > total) throw new Error(`Tensor "${tensor.name}": chunks exceed ${total} elements`);
      await writeAll(handle, asBytes(chunk));
      seen += chunk.length;
    }
    if (seen !== total) throw new Error(`Tensor "${tensor.name}": chunks gave ${seen} of ${total} elements`);
    return;
  }
  const buffer = new Float32Array(Math.min(CHUNK_ELEMENTS, total));
  for (let start = 0; start < total; start += buffer.length) {
    const out = buffer.subarray(0, Math.min(buffer.length, total - start));
    out.fill(0);
    tensor.fill?.(start, out);
    await writeAll(handle, asBytes(out));
  }
}

/** Writes a GGUF v3 file atomically (via `<filePath>.partial` + rename). */
export async function writeGguf(filePath: string, spec: GgufSpec): Promise<void> {
  const layout = layoutGguf(spec);
  const partialPath = `${filePath}.partial`;
  await mkdir(dirname(filePath), { recursive: true });
  const handle = await open(partialPath, 'w');
  let closed = false;
  try {
    await writeAll(handle, layout.header);
    let position = layout.header.length;
    for (const [index, tensor] of spec.tensors.entries()) {
      const target = layout.header.length + (layout.tensorOffsets[index] ?? 0);
      if (target > position) await writeAll(handle, new Uint8Array(target - position));
      await streamTensor(handle, tensor);
      position = target + tensorElementCount(tensor.dims) * 4;
    }
    if (position !== layout.fileSize) throw new Error(`GGUF size mismatch: wrote ${position}, expected ${layout.fileSize}`);
    // Flush before the rename so a crash cannot leave a renamed-but-empty file.
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(partialPath, filePath);
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(partialPath, { force: true }).catch(() => undefined);
    throw error;
  }
}
