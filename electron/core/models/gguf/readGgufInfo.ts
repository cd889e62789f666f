/**
 * Reads a GGUF file's header into the summary Triad shows and stores, and refuses
 * files llama.cpp would choke on with a TriadError instead of a native crash later.
 *
 * node-llama-cpp's `readGgufFileInfo` parses only the header (no native code, no model
 * load), so it cannot notice a file cut short during a copy. We therefore also check
 * that the file is long enough to hold every tensor the header promises, and walk the
 * header strictly first (see ggufHeaderScan.ts for why).
 */
import { stat } from 'node:fs/promises';
import { GgufFileType, readGgufFileInfo } from 'node-llama-cpp';
import type { GgufFileInfo, GgufTensorInfo } from 'node-llama-cpp';
import { TriadError } from '../../../../shared/errors';
import { scanGgufHeader } from './ggufHeaderScan';

export interface GgufSummary {
  architecture: string;
  name: string;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  /** Sum of tensor elements. */
  parameterCount?: number;
  /** `general.file_type` by name (e.g. "ALL_F32", "MOSTLY_Q4_K_M"), or "UNKNOWN". */
  fileType: string;
  /** Raw `general.file_type`, when the file declares one. */
  fileTypeId?: number;
  tensorCount: number;
  sizeBytes: number;
  chatTemplate?: string;
}

/** [elements per block, bytes per block] by ggml type id (checked against llama.cpp's ggml). */
const GGML_BLOCK: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  16: [256, 66], // IQ2_XXS
  17: [256, 74], // IQ2_XS
  18: [256, 98], // IQ3_XXS
  19: [256, 50], // IQ1_S
  20: [32, 18], // IQ4_NL
  21: [256, 110], // IQ3_S
  22: [256, 82], // IQ2_S
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  29: [256, 56], // IQ1_M
  30: [1, 2], // BF16
  34: [256, 54], // TQ1_0
  35: [256, 66], // TQ2_0
  39: [32, 17], // MXFP4
  40: [64, 36], // NVFP4
  41: [128, 18], // Q1_0
  42: [64, 18], // Q2_0
};

const INVALID_HINT = 'Choose a complete .gguf model file (re-copy it if it was cut short) or re-export it from its source.';

function invalid(filePath: string, reason: string): TriadError {
  return new TriadError('MODEL_INVALID', `${filePath} is not a usable GGUF model: ${reason}`, INVALID_HINT);
}

function elementCount(tensor: GgufTensorInfo): bigint {
  return tensor.dimensions.reduce<bigint>((n, d) => n * BigInt(d), 1n);
}

/** Bytes a tensor occupies, or undefined for a ggml type this table does not know. */
export function tensorBytes(tensor: GgufTensorInfo): bigint | undefined {
  const block = GGML_BLOCK[tensor.ggmlType];
  if (block === undefined) return undefined;
  const [blockSize, blockBytes] = block;
  // Rows are stored whole-block; ggml requires ne[0] to be a multiple of the block size.
  return (elementCount(tensor) / BigInt(blockSize)) * BigInt(blockBytes);
}

function numberKey(info: GgufFileInfo, key: string): number | undefined {
  const arch = info.architectureMetadata as Record<string, unknown>;
  const value = arch[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

export async function readGgufInfo(filePath: string): Promise<GgufSummary> {
  let sizeBytes: number;
  try {
    const stats = await stat(filePath);
    if (!stats.isFile()) throw invalid(filePath, 'it is not a regular file');
    sizeBytes = stats.size;
  } catch (error) {
    if (error instanceof TriadError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TriadError('NOT_FOUND', `Model file not found: ${filePath}`, 'Check the path, or add the model again.');
    }
    throw invalid(filePath, `it cannot be read (${(error as Error).message})`);
  }

  // node-llama-cpp's reader zero-fills past end of file (a corrupt header can make it
  // loop for ages), so walk the header strictly first; a random file also gets a clear
  // "no GGUF magic" message this way.
  try {
    await scanGgufHeader(filePath, sizeBytes);
  } catch (error) {
    throw invalid(filePath, (error as Error).message);
  }

  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(filePath, {
      sourceType: 'filesystem',
      logWarnings: false,
      // The vocabulary is large and not part of the summary; skip keeping it.
      ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges'],
      spliceSplitFiles: false,
    });
  } catch (error) {
    throw invalid(filePath, `its header cannot be parsed (${(error as Error).message})`);
  }

  const tensors = info.tensorInfo ?? [];
  const tensorCount = Number(info.tensorCount);
  if (tensorCount === 0 || tensors.length !== tensorCount || info.infoEndOffset === undefined) {
    throw invalid(filePath, 'it contains no tensors');
  }

  // The data section must hold every tensor the header lists.
  let requiredBytes = BigInt(info.infoEndOffset);
  let parameters = 0n;
  for (const tensor of tensors) {
    parameters += elementCount(tensor);
    const bytes = tensorBytes(tensor);
    const end = BigInt(info.infoEndOffset) + BigInt(tensor.offset) + (bytes ?? 0n);
    if (end > requiredBytes) requiredBytes = end;
  }
  if (BigInt(sizeBytes) < requiredBytes) {
    throw invalid(filePath, `it is truncated (${sizeBytes} bytes, the header needs at least ${requiredBytes})`);
  }

  const architecture = info.metadata.general?.architecture;
  if (typeof architecture !== 'string' || architecture.length === 0) {
    throw invalid(filePath, 'general.architecture is missing');
  }
  const contextLength = numberKey(info, 'context_length');
  const embeddingLength = numberKey(info, 'embedding_length');
  const blockCount = numberKey(info, 'block_count');
  // llama.cpp requires these three for every architecture it loads.
  if (contextLength === undefined || embeddingLength === undefined || blockCount === undefined) {
    throw invalid(filePath, `${architecture}.context_length, .embedding_length or .block_count is missing`);
  }

  const fileTypeId = info.metadata.general?.file_type;
  const generalName = info.metadata.general?.name;
  const chatTemplate = info.metadata.tokenizer?.chat_template;
  const baseName = filePath.split(/[\\/]/).pop() ?? filePath;
  const summary: GgufSummary = {
    architecture,
    name: typeof generalName === 'string' && generalName.length > 0 ? generalName : baseName.replace(/\.gguf$/i, ''),
    contextLength,
    embeddingLength,
    blockCount,
    parameterCount: Number(parameters),
    fileType: typeof fileTypeId === 'number' ? (GgufFileType[fileTypeId] ?? `TYPE_${fileTypeId}`) : 'UNKNOWN',
    tensorCount,
    sizeBytes,
  };
  if (typeof fileTypeId === 'number') summary.fileTypeId = fileTypeId;
  if (typeof chatTemplate === 'string' && chatTemplate.length > 0) summary.chatTemplate = chatTemplate;
  return summary;
}
