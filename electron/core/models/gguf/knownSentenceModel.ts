/**
 * A hand-set llama model whose output is a known sentence, through real llama.cpp.
 *
 * How it works: every attention and feed-forward weight is zero, so the residual
 * stream carries the token embedding unchanged to the output. Each sentence word is
 * its own token with its own embedding axis; every other token (prompt bytes, chat
 * template pieces, BOS) embeds on a shared "start" axis. After the final RMS norm a
 * one-hot embedding becomes ≈ sqrt(n_embd) on its axis, and `output.weight` maps
 * start -> word 0, word p -> word p+1, last word -> `</s>`. The next token therefore
 * depends only on the previous one, whatever the prompt, and the winning logit is
 * ~128 against 0 for everything else, so even temperature-1 sampling is certain.
 */
import { stat } from 'node:fs/promises';
import { writeGguf } from './ggufWriter';
import type { GgufTensorSpec } from './ggufWriter';
import { buildLlamaVocab, SPM_SPACE } from './llamaVocab';
import { llamaMetadata, llamaTensorShapes, validateLlamaShape } from './llamaLayout';
import type { LlamaShape } from './llamaLayout';

export interface KnownSentenceModelSpec {
  name: string;
  /**
   * The sentence, one entry per token. An entry may contain single inner spaces.
   * Prefer words of 2+ characters: SentencePiece can merge prompt text into a
   * one-character word's piece (e.g. " I" -> "▁I"), and a prompt ending in that token
   * would make the model continue mid-sentence. Longer pieces are never formed from
   * text because none of their prefixes are in the vocabulary.
   */
  words: readonly string[];
  embeddingLength?: number;
  contextLength?: number;
}

export interface KnownSentenceModelResult {
  /** Exactly what node-llama-cpp returns for any prompt (completion and chat). */
  expectedText: string;
  vocabSize: number;
  fileSizeBytes: number;
}

/** Logit of the intended next token; every other token scores 0. */
const TARGET_LOGIT = 128;

/**
 * The text the model produces. Empirically (node-llama-cpp 3.21.1) neither
 * LlamaCompletion nor LlamaChatSession adds a leading space: the first word carries no
 * '▁', later words do, and '▁' detokenizes to ' ', so this is a plain join.
 */
export function knownSentenceText(words: readonly string[]): string {
  return words.join(' ');
}

/** Vocabulary pieces for the words: '▁' marks the spaces detokenization restores. */
export function knownSentencePieces(words: readonly string[]): string[] {
  return words.map((word, i) => (i === 0 ? '' : SPM_SPACE) + word.replaceAll(' ', SPM_SPACE));
}

function validateWords(words: readonly string[], embeddingLength: number): void {
  if (words.length === 0) throw new Error('A known-sentence model needs at least one word');
  // One axis per word plus the shared start axis.
  if (words.length + 1 > embeddingLength) {
    throw new Error(`${words.length} words need embeddingLength >= ${words.length + 1}`);
  }
  for (const word of words) {
    if (word.length === 0 || word !== word.trim() || /\s\s|[^\S ]/u.test(word) || word.includes(SPM_SPACE)) {
      throw new Error(`Invalid word ${JSON.stringify(word)}: no outer, repeated or non-space whitespace, no '▁'`);
    }
  }
  // Unique words keep "next token" a function of the current token.
  if (new Set(words).size !== words.length) throw new Error('Known-sentence words must be unique');
}

/** Fill from a sparse list of (index, value) pairs; everything else stays zero. */
function sparseFill(entries: ReadonlyMap<number, number>): (start: number, out: Float32Array) => void {
  return (start, out) => {
    for (const [index, value] of entries) {
      if (index >= start && index < start + out.length) out[index - start] = value;
    }
  };
}

export async function writeKnownSentenceModel(
  filePath: string,
  spec: KnownSentenceModelSpec,
): Promise<KnownSentenceModelResult> {
  const embeddingLength = spec.embeddingLength ?? 64;
  validateWords(spec.words, embeddingLength);
  const vocab = buildLlamaVocab(knownSentencePieces(spec.words));
  const shape: LlamaShape = {
    name: spec.name,
    embeddingLength,
    blockCount: 1,
    feedForwardLength: embeddingLength * 2,
    headCount: embeddingLength % 8 === 0 ? embeddingLength / 8 : 1,
    headCountKv: embeddingLength % 8 === 0 ? embeddingLength / 8 : 1,
    contextLength: spec.contextLength ?? 2048,
    vocabSize: vocab.tokens.length,
  };
  validateLlamaShape(shape);

  const e = embeddingLength;
  const START_AXIS = 0;
  const wordAxis = (p: number): number => p + 1;

  // token_embd [e, vocab]: row t holds token t's embedding.
  const embedding = new Map<number, number>();
  const wordIdToIndex = new Map(vocab.extraIds.map((id, p) => [id, p]));
  for (let t = 0; t < vocab.tokens.length; t++) {
    const p = wordIdToIndex.get(t);
    embedding.set(t * e + (p === undefined ? START_AXIS : wordAxis(p)), 1);
  }

  // output.weight [e, vocab]: row v scores token v against the normed hidden state.
  const weight = TARGET_LOGIT / Math.sqrt(e);
  const output = new Map<number, number>();
  const firstWord = vocab.extraIds[0];
  if (firstWord === undefined) throw new Error('unreachable: words validated as non-empty');
  output.set(firstWord * e + START_AXIS, weight);
  vocab.extraIds.forEach((id, p) => {
    const next = vocab.extraIds[p + 1] ?? vocab.eosId;
    output.set(next * e + wordAxis(p), weight);
  });

  const tensors: GgufTensorSpec[] = llamaTensorShapes(shape).map((t) => {
    switch (t.role) {
      case 'embedding':
        return { name: t.name, dims: t.dims, fill: sparseFill(embedding) };
      case 'output':
        return { name: t.name, dims: t.dims, fill: sparseFill(output) };
      case 'norm':
        return { name: t.name, dims: t.dims, fill: (_start: number, out: Float32Array) => void out.fill(1) };
      default:
        // Zero attention and FFN: each block adds nothing to the residual stream.
        return { name: t.name, dims: t.dims };
    }
  });

  await writeGguf(filePath, { metadata: llamaMetadata(shape, vocab), tensors });
  const { size } = await stat(filePath);
  return { expectedText: knownSentenceText(spec.words), vocabSize: vocab.tokens.length, fileSizeBytes: size };
}
