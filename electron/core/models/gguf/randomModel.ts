/**
 * Random-weight llama models of any size, for honest load and speed tests (their
 * text is noise). Weights come from a seeded PRNG so the same spec always yields the
 * same bytes (cacheable, comparable by hash), and are streamed in chunks so a large
 * model never sits in memory whole.
 */
import { writeGguf } from './ggufWriter';
import type { GgufTensorSpec } from './ggufWriter';
import { buildLlamaVocab, LLAMA_BASE_VOCAB_SIZE, SPM_SPACE } from './llamaVocab';
import { llamaMetadata, llamaParameterCount, llamaTensorShapes, validateLlamaShape } from './llamaLayout';
import type { LlamaShape } from './llamaLayout';

export interface RandomModelSpec {
  name: string;
  embeddingLength: number;
  blockCount: number;
  feedForwardLength: number;
  /** Normal word tokens on top of the LLAMA_BASE_VOCAB_SIZE base tokens (default 1000). */
  vocabExtraTokens?: number;
  /** Default: one head per 64 dims, else a single head. */
  headCount?: number;
  contextLength?: number;
  seed: number;
}

/** Small uniform weights keep activations tame through many random blocks. */
const WEIGHT_RANGE = 0.02;
const CHUNK_ELEMENTS = 256 * 1024;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'da', 'fu', 'go', 'hi', 'ja', 'pe', 'zu'];

/** Distinct pronounceable pieces so generated noise reads as words, not byte soup. */
function extraPiece(index: number): string {
  let n = index;
  let word = '';
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length) - 1;
  } while (n >= 0);
  return SPM_SPACE + word;
}

function resolveShape(spec: RandomModelSpec): LlamaShape {
  const extra = spec.vocabExtraTokens ?? 1000;
  if (!Number.isSafeInteger(extra) || extra < 0) throw new Error('vocabExtraTokens must be a non-negative integer');
  const headCount = spec.headCount ?? (spec.embeddingLength % 64 === 0 ? spec.embeddingLength / 64 : 1);
  return {
    name: spec.name,
    embeddingLength: spec.embeddingLength,
    blockCount: spec.blockCount,
    feedForwardLength: spec.feedForwardLength,
    headCount,
    headCountKv: headCount,
    contextLength: spec.contextLength ?? 2048,
    vocabSize: LLAMA_BASE_VOCAB_SIZE + extra,
  };
}

export function randomModelParameterCount(spec: RandomModelSpec): number {
  return llamaParameterCount(resolveShape(spec));
}

/** mulberry32: tiny, fast, good enough for weights, identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per-tensor seeds, so one tensor's values do not depend on another's size. */
function tensorSeed(seed: number, index: number): number {
  return Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
}

function* randomChunks(count: number, seed: number): Generator<Float32Array> {
  const next = mulberry32(seed);
  // Reused: the writer flushes each chunk before requesting the next.
  const buffer = new Float32Array(Math.min(CHUNK_ELEMENTS, count));
  for (let start = 0; start < count; start += buffer.length) {
    const out = buffer.subarray(0, Math.min(buffer.length, count - start));
    for (let i = 0; i < out.length; i++) out[i] = (next() * 2 - 1) * WEIGHT_RANGE;
    yield out;
  }
}

export interface RandomModelResult {
  parameterCount: number;
  vocabSize: number;
}

export async function writeRandomModel(filePath: string, spec: RandomModelSpec): Promise<RandomModelResult> {
  if (!Number.isSafeInteger(spec.seed)) throw new Error('seed must be an integer');
  const shape = resolveShape(spec);
  validateLlamaShape(shape);
  const extras = Array.from({ length: shape.vocabSize - LLAMA_BASE_VOCAB_SIZE }, (_, i) => extraPiece(i));
  const vocab = buildLlamaVocab(extras);

  const tensors: GgufTensorSpec[] = llamaTensorShapes(shape).map((t, index) => {
    if (t.role === 'norm') {
      // RMS-norm gains of 1 are the neutral choice, as in a freshly initialised model.
      return { name: t.name, dims: t.dims, fill: (_start: number, out: Float32Array) => void out.fill(1) };
    }
    const count = t.dims.reduce((n, d) => n * d, 1);
    return { name: t.name, dims: t.dims, chunks: () => randomChunks(count, tensorSeed(spec.seed, index)) };
  });

  await writeGguf(filePath, { metadata: llamaMetadata(shape, vocab), tensors });
  return { parameterCount: llamaParameterCount(shape), vocabSize: shape.vocabSize };
}
