/**
 * The llama-architecture layout shared by every generated model: the metadata keys
 * llama.cpp requires and the tensor names/shapes it expects (dims innermost first).
 * Generators only decide what goes into the tensors.
 */
import { GGUF_DEFAULT_ALIGNMENT, kv } from './ggufWriter';
import type { GgufKv } from './ggufWriter';
import { llamaVocabMetadata } from './llamaVocab';
import type { LlamaVocab } from './llamaVocab';

export interface LlamaShape {
  name: string;
  embeddingLength: number;
  blockCount: number;
  feedForwardLength: number;
  headCount: number;
  headCountKv: number;
  contextLength: number;
  vocabSize: number;
}

/** Typical llama value; any small positive epsilon works. */
export const LLAMA_RMS_EPS = 1e-5;
/** `general.file_type` for a file whose tensors are all F32 (llama_ftype ALL_F32). */
export const FILE_TYPE_ALL_F32 = 0;

export function validateLlamaShape(shape: LlamaShape): void {
  const positive: (keyof LlamaShape)[] = [
    'embeddingLength',
    'blockCount',
    'feedForwardLength',
    'headCount',
    'headCountKv',
    'contextLength',
    'vocabSize',
  ];
  for (const key of positive) {
    const value = shape[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`Model shape: ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  if (shape.embeddingLength % shape.headCount !== 0) {
    throw new Error('Model shape: embeddingLength must be divisible by headCount');
  }
  if (shape.headCount % shape.headCountKv !== 0) {
    throw new Error('Model shape: headCount must be divisible by headCountKv');
  }
  // RoPE rotates pairs of dimensions, so each head needs an even size.
  if ((shape.embeddingLength / shape.headCount) % 2 !== 0) {
    throw new Error('Model shape: embeddingLength / headCount must be even');
  }
}

export function llamaHeadDim(shape: LlamaShape): number {
  return shape.embeddingLength / shape.headCount;
}

export function llamaMetadata(shape: LlamaShape, vocab: LlamaVocab): GgufKv[] {
  return [
    kv.string('general.architecture', 'llama'),
    kv.string('general.name', shape.name),
    kv.uint32('general.file_type', FILE_TYPE_ALL_F32),
    kv.uint32('general.alignment', GGUF_DEFAULT_ALIGNMENT),
    kv.uint32('llama.context_length', shape.contextLength),
    kv.uint32('llama.embedding_length', shape.embeddingLength),
    kv.uint32('llama.block_count', shape.blockCount),
    kv.uint32('llama.feed_forward_length', shape.feedForwardLength),
    kv.uint32('llama.attention.head_count', shape.headCount),
    kv.uint32('llama.attention.head_count_kv', shape.headCountKv),
    kv.uint32('llama.rope.dimension_count', llamaHeadDim(shape)),
    kv.float32('llama.attention.layer_norm_rms_epsilon', LLAMA_RMS_EPS),
    kv.uint32('llama.vocab_size', shape.vocabSize),
    ...llamaVocabMetadata(vocab),
  ];
}

export type LlamaTensorRole = 'embedding' | 'norm' | 'attention' | 'feedForward' | 'output';

export interface LlamaTensorShape {
  name: string;
  dims: number[];
  role: LlamaTensorRole;
}

export function llamaTensorShapes(shape: LlamaShape): LlamaTensorShape[] {
  const e = shape.embeddingLength;
  const kvDim = llamaHeadDim(shape) * shape.headCountKv;
  const ff = shape.feedForwardLength;
  const tensors: LlamaTensorShape[] = [{ name: 'token_embd.weight', dims: [e, shape.vocabSize], role: 'embedding' }];
  for (let b = 0; b < shape.blockCount; b++) {
    const p = `blk.${b}.`;
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [e], role: 'norm' },
      { name: `${p}attn_q.weight`, dims: [e, e], role: 'attention' },
      { name: `${p}attn_k.weight`, dims: [e, kvDim], role: 'attention' },
      { name: `${p}attn_v.weight`, dims: [e, kvDim], role: 'attention' },
      { name: `${p}attn_output.weight`, dims: [e, e], role: 'attention' },
      { name: `${p}ffn_norm.weight`, dims: [e], role: 'norm' },
      { name: `${p}ffn_gate.weight`, dims: [e, ff], role: 'feedForward' },
      { name: `${p}ffn_up.weight`, dims: [e, ff], role: 'feedForward' },
      { name: `${p}ffn_down.weight`, dims: [ff, e], role: 'feedForward' },
    );
  }
  tensors.push(
    { name: 'output_norm.weight', dims: [e], role: 'norm' },
    { name: 'output.weight', dims: [e, shape.vocabSize], role: 'output' },
  );
  return tensors;
}

/** Total weights of the layout, the number a model card calls "parameters". */
export function llamaParameterCount(shape: LlamaShape): number {
  return llamaTensorShapes(shape).reduce((sum, t) => sum + t.dims.reduce((n, d) => n * d, 1), 0);
}
