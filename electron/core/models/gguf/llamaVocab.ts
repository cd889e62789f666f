/**
 * A llama (SentencePiece) vocabulary for generated models.
 *
 * llama.cpp's SPM tokenizer needs `<unk>`, `<s>`, `</s>` and the 256 byte-fallback
 * tokens `<0x00>`..`<0xFF>`: with them any text tokenizes (unknown characters fall back
 * to bytes) and any byte sequence detokenizes. A bare '▁' piece follows, then the extra
 * tokens as normal pieces; in SentencePiece '▁' (U+2581) stands for a space.
 */
import { kv } from './ggufWriter';
import type { GgufKv } from './ggufWriter';

/** `tokenizer.ggml.token_type` values (llama.cpp `llama_token_type`). */
export const TOKEN_TYPE = {
  normal: 1,
  unknown: 2,
  control: 3,
  userDefined: 4,
  unused: 5,
  byte: 6,
} as const;

/** SentencePiece's visible space. */
export const SPM_SPACE = '\u2581';

/** `<unk>`, `<s>`, `</s>`, 256 byte tokens and '▁': the tokens every vocabulary starts with. */
export const LLAMA_BASE_VOCAB_SIZE = 260;

export interface LlamaVocab {
  tokens: string[];
  scores: number[];
  types: number[];
  unkId: number;
  bosId: number;
  eosId: number;
  /** Id of byte token `<0xNN>` is `firstByteId + NN`. */
  firstByteId: number;
  /** Id of the bare '▁' (space) piece. */
  spaceId: number;
  /** Ids of the extra tokens, in the order given. */
  extraIds: number[];
}

export function buildLlamaVocab(extraTokens: readonly string[] = []): LlamaVocab {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control];
  const firstByteId = tokens.length;
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
  }
  // A bare '▁' piece: llama.cpp turns spaces into '▁' before tokenizing, and without
  // this token they would fall back to the bytes of U+2581, which detokenize as '▁'
  // instead of ' ' (node-llama-cpp then warns that tokenize/detokenize is lossy).
  const spaceId = tokens.length;
  tokens.push(SPM_SPACE);
  types.push(TOKEN_TYPE.normal);
  const seen = new Set(tokens);
  const extraIds: number[] = [];
  for (const piece of extraTokens) {
    if (piece.length === 0) throw new Error('Vocabulary tokens must not be empty');
    // Duplicates would make the token -> id mapping ambiguous.
    if (seen.has(piece)) throw new Error(`Duplicate vocabulary token "${piece}"`);
    seen.add(piece);
    extraIds.push(tokens.length);
    tokens.push(piece);
    types.push(TOKEN_TYPE.normal);
  }
  // Scores only steer SPM merges; 0 everywhere is fine because generated models
  // never rely on text being merged into their word tokens.
  const scores = tokens.map(() => 0);
  return { tokens, scores, types, unkId: 0, bosId: 1, eosId: 2, firstByteId, spaceId, extraIds };
}

/** The `tokenizer.ggml.*` keys llama.cpp needs for this vocabulary. */
export function llamaVocabMetadata(vocab: LlamaVocab): GgufKv[] {
  return [
    kv.string('tokenizer.ggml.model', 'llama'),
    kv.stringArray('tokenizer.ggml.tokens', vocab.tokens),
    kv.float32Array('tokenizer.ggml.scores', vocab.scores),
    kv.int32Array('tokenizer.ggml.token_type', vocab.types),
    kv.uint32('tokenizer.ggml.bos_token_id', vocab.bosId),
    kv.uint32('tokenizer.ggml.eos_token_id', vocab.eosId),
    kv.uint32('tokenizer.ggml.unknown_token_id', vocab.unkId),
  ];
}
