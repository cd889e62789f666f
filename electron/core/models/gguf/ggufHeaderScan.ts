/**
 * A strict structural walk over a GGUF header, run before node-llama-cpp parses it.
 *
 * Why: node-llama-cpp 3.21.1's file reader zero-fills reads past the end of the file
 * instead of failing, so a truncated or corrupt header is parsed as zeros. A header
 * claiming 2^62 tensors then loops (and allocates) practically forever. This walk keeps
 * no values; it only checks that every count, string and array fits inside the file,
 * so every loop is bounded by the file size and a bad file fails fast.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** Value type ids from gguf.h, with their fixed sizes (string/array are variable). */
const FIXED_SIZE: Readonly<Record<number, number>> = {
  0: 1, // uint8
  1: 1, // int8
  2: 2, // uint16
  3: 2, // int16
  4: 4, // uint32
  5: 4, // int32
  6: 4, // float32
  7: 1, // bool
  10: 8, // uint64
  11: 8, // int64
  12: 8, // float64
};
const TYPE_STRING = 8;
const TYPE_ARRAY = 9;
const GGML_MAX_DIMS = 4;
const WINDOW = 1024 * 1024;

export interface GgufHeaderScan {
  version: number;
  tensorCount: number;
  kvCount: number;
  /** File offset just after the last tensor info (before alignment padding). */
  headerEnd: number;
}

/** Reads forward through the file in windows, failing at end of file. */
class StrictReader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  private async need(n: number): Promise<number> {
    if (this.pos + n > this.size) throw new Error('the file ends inside the GGUF header (truncated or corrupt)');
    if (this.pos < this.bufStart || this.pos + n > this.bufStart + this.buf.length) {
      const length = Math.min(Math.max(n, WINDOW), this.size - this.pos);
      this.buf = Buffer.alloc(length);
      await this.handle.read(this.buf, 0, length, this.pos);
      this.bufStart = this.pos;
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return at;
  }

  // `need` may swap `buf`, so it must finish before `this.buf` is read.
  async u32(): Promise<number> {
    const at = await this.need(4);
    return this.buf.readUInt32LE(at);
  }

  async u64(): Promise<bigint> {
    const at = await this.need(8);
    return this.buf.readBigUInt64LE(at);
  }

  /** Skips n bytes without reading them; still fails if they are not in the file. */
  skip(n: bigint): void {
    if (BigInt(this.pos) + n > BigInt(this.size)) {
      throw new Error('a value runs past the end of the file (truncated or corrupt)');
    }
    this.pos += Number(n);
  }

  remaining(): bigint {
    return BigInt(this.size - this.pos);
  }
}

async function skipString(reader: StrictReader): Promise<void> {
  reader.skip(await reader.u64());
}

async function skipValue(reader: StrictReader, type: number, depth: number): Promise<void> {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined) return reader.skip(BigInt(fixed));
  if (type === TYPE_STRING) return skipString(reader);
  if (type !== TYPE_ARRAY || depth > 2) throw new Error(`unknown metadata value type ${type}`);
  const itemType = await reader.u32();
  const length = await reader.u64();
  const itemFixed = FIXED_SIZE[itemType];
  if (itemFixed !== undefined) return reader.skip(length * BigInt(itemFixed));
  // Strings and nested arrays take at least 8 bytes each: reject impossible lengths up front.
  if (length * 8n > reader.remaining()) throw new Error('an array is longer than the file');
  for (let i = 0n; i < length; i++) await skipValue(reader, itemType, depth + 1);
}

export async function scanGgufHeader(filePath: string, size: number): Promise<GgufHeaderScan> {
  const handle = await open(filePath, 'r');
  try {
    const reader = new StrictReader(handle, size);
    const magic = await reader.u32();
    if (magic !== 0x46554747) throw new Error('it does not start with the GGUF magic bytes');
    const version = await reader.u32();
    if (version !== 2 && version !== 3) {
      throw new Error(
        version > 0xffff ? 'it is a big-endian GGUF, which is not supported' : `GGUF version ${version} is not supported`,
      );
    }
    const tensorCount = await reader.u64();
    const kvCount = await reader.u64();
    // Each kv needs >= 12 bytes (key length + type) and each tensor info >= 24.
    if (kvCount * 12n + tensorCount * 24n > reader.remaining()) {
      throw new Error('its header counts do not fit in the file (truncated or corrupt)');
    }
    for (let i = 0n; i < kvCount; i++) {
      await skipString(reader);
      await skipValue(reader, await reader.u32(), 0);
    }
    for (let i = 0n; i < tensorCount; i++) {
      await skipString(reader);
      const dims = await reader.u32();
      if (dims > GGML_MAX_DIMS) throw new Error(`a tensor has ${dims} dimensions`);
      reader.skip(BigInt(dims) * 8n + 4n + 8n); // dims, ggml type, offset
    }
    return { version, tensorCount: Number(tensorCount), kvCount: Number(kvCount), headerEnd: reader.pos };
  } finally {
    await handle.close();
  }
}
