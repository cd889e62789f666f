/**
 * Everything Triad records about a GGUF file, read from its header only (the
 * weights are never loaded): shape, quantization, tokenizer, chat template, the
 * provenance fields the file carries, and an estimate of the memory it needs.
 */
import * as llamaCpp from 'node-llama-cpp';
import type { GgufFileInfo } from 'node-llama-cpp';
import type { ModelMetadata } from '../../../shared/methods/models';
import { TriadError } from '../../../shared/errors';
import { readGgufInfo } from './gguf/readGgufInfo';

/** general.* keys worth keeping as provenance, when the file has them. */
const PROVENANCE_KEYS = [
  'author',
  'organization',
  'license',
  'license.name',
  'license.link',
  'description',
  'url',
  'repo_url',
  'version',
  'basename',
  'finetune',
  'size_label',
  'quantized_by',
  'source.url',
  'source.repo_url',
  'source.huggingface.repository',
] as const;

const VOCAB_KEYS = ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges'];

/** llama.cpp's known architectures, from node-llama-cpp's runtime enum (a const enum in its types). */
function knownArchitectures(): Set<string> {
  const table = (llamaCpp as unknown as Record<string, Record<string, string> | undefined>).GgufArchitectureType ?? {};
  return new Set(Object.values(table));
}

function pick(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  // Dotted keys (license.name) are stored flat as well as nested, depending on the reader.
  if (value === undefined && typeof source === 'object' && source !== null) return (source as Record<string, unknown>)[path];
  return value;
}

function num(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // Some architectures store head counts per layer; the first is representative.
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return null;
}

/** "MOSTLY_Q4_K_M" → "Q4_K_M", "ALL_F32" → "F32". */
export function quantizationOf(fileType: string): string {
  return fileType.replace(/^(MOSTLY|ALL)_/, '');
}

export async function readModelMetadata(filePath: string): Promise<ModelMetadata> {
  // Strict checks first: magic, truncation, required keys (readGgufInfo explains why).
  const summary = await readGgufInfo(filePath);
  if (!knownArchitectures().has(summary.architecture)) {
    throw new TriadError(
      'MODEL_INVALID',
      `${filePath} uses the architecture "${summary.architecture}", which this build of llama.cpp does not support.`,
      'Convert the model to a supported architecture (llama, qwen2, mistral, gemma, phi3, …) or use a newer Triad.',
    );
  }
  let info: GgufFileInfo;
  try {
    info = await llamaCpp.readGgufFileInfo(filePath, { sourceType: 'filesystem', logWarnings: false, ignoreKeys: VOCAB_KEYS, spliceSplitFiles: false });
  } catch (error) {
    throw new TriadError('MODEL_INVALID', `${filePath}: its header cannot be parsed (${(error as Error).message}).`);
  }
  const arch = info.architectureMetadata as Record<string, unknown>;
  const general = (info.metadata.general ?? {}) as Record<string, unknown>;
  const provenance: Record<string, string> = {};
  for (const key of PROVENANCE_KEYS) {
    const value = pick(general, key);
    if (typeof value === 'string' && value.length > 0) provenance[key] = value;
  }
  const tokenizer = pick(info.metadata, 'tokenizer.ggml.model');
  const headCount = num(pick(arch, 'attention.head_count'));
  const headCountKv = num(pick(arch, 'attention.head_count_kv')) ?? headCount;
  const embedding = info.tensorInfo?.find((t) => t.name === 'token_embd.weight');
  const vocabSize = num(arch.vocab_size) ?? (embedding?.dimensions[1] === undefined ? null : Number(embedding.dimensions[1]));

  // K and V per layer, f16 (2 bytes), at the full context: an upper bound for a default load.
  const kvWidth = headCount && headCountKv ? (summary.embeddingLength * headCountKv) / headCount : summary.embeddingLength;
  const kvCacheBytes = 2 * summary.blockCount * summary.contextLength * kvWidth * 2;
  const weightsBytes = summary.sizeBytes;

  return {
    architecture: summary.architecture,
    generalName: summary.name,
    parameterCount: summary.parameterCount ?? null,
    fileType: summary.fileType,
    quantization: quantizationOf(summary.fileType),
    contextLength: summary.contextLength,
    embeddingLength: summary.embeddingLength,
    blockCount: summary.blockCount,
    headCount,
    headCountKv,
    feedForwardLength: num(pick(arch, 'feed_forward_length')),
    vocabSize,
    tensorCount: summary.tensorCount,
    tokenizer: typeof tokenizer === 'string' ? tokenizer : null,
    chatTemplate: summary.chatTemplate ?? null,
    provenance,
    memory: { weightsBytes, kvCacheBytes, totalBytes: weightsBytes + kvCacheBytes, atContext: summary.contextLength },
  };
}
