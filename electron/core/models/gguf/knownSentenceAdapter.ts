/**
 * A LoRA adapter for a known-sentence model (knownSentenceModel.ts) that makes it
 * say a different known sentence, through real llama.cpp.
 *
 * The base model's next token depends only on the current one, through
 * `output.weight`: axis a of the normed hidden state scores one target token. The
 * adapter adds, on `output.weight` only, a low-rank delta that moves the target of
 * each changed axis: -w on the old target, +w on the new. Rank = number of changed
 * axes, alpha = rank, so at scale 1 the adapted weights equal those of a
 * known-sentence model for the new sentence. The new sentence may use only the
 * base's word tokens (an adapter cannot add vocabulary), each at most once.
 */
import { knownSentencePieces, knownSentenceText } from './knownSentenceModel';
import { buildLlamaVocab } from './llamaVocab';
import { writeLoraAdapter } from './loraAdapter';

export interface KnownSentenceAdapterSpec {
  name: string;
  /** The base model's words, exactly as it was written with. */
  baseWords: readonly string[];
  /** The sentence the adapted model says: base words, each at most once, starting with the base's first word. */
  adaptedWords: readonly string[];
  embeddingLength?: number;
}

/** Must match knownSentenceModel.ts. */
const TARGET_LOGIT = 128;
const START_AXIS = 0;

export async function writeKnownSentenceAdapter(filePath: string, spec: KnownSentenceAdapterSpec): Promise<{ expectedText: string; rank: number }> {
  const e = spec.embeddingLength ?? 64;
  const vocab = buildLlamaVocab(knownSentencePieces(spec.baseWords));
  const indexOf = new Map(spec.baseWords.map((w, p) => [w, p]));
  const adapted = spec.adaptedWords.map((w) => {
    const p = indexOf.get(w);
    if (p === undefined) throw new Error(`"${w}" is not one of the base model's words`);
    return p;
  });
  if (adapted.length === 0 || new Set(adapted).size !== adapted.length) throw new Error('Adapted words must be non-empty and unique');
  // Only the base's first word is a piece without a leading '▁' (see knownSentenceText).
  if (adapted[0] !== 0) throw new Error(`The adapted sentence must start with "${spec.baseWords[0]}"`);

  const wordAxis = (p: number): number => p + 1;
  const tokenOf = (p: number): number => vocab.extraIds[p] ?? vocab.eosId;
  // Axis -> target token, before and after.
  const before = new Map<number, number>([[START_AXIS, tokenOf(0)]]);
  spec.baseWords.forEach((_w, p) => before.set(wordAxis(p), p + 1 < spec.baseWords.length ? tokenOf(p + 1) : vocab.eosId));
  const after = new Map(before);
  after.set(START_AXIS, tokenOf(adapted[0]!));
  adapted.forEach((p, i) => {
    const next = adapted[i + 1];
    after.set(wordAxis(p), next === undefined ? vocab.eosId : tokenOf(next));
  });
  const changed = [...after].filter(([axis, target]) => before.get(axis) !== target).map(([axis]) => axis);
  if (changed.length === 0) throw new Error('The adapted sentence equals the base sentence');

  const rank = changed.length;
  const w = TARGET_LOGIT / Math.sqrt(e);
  // lora_a [e, rank]: row j picks axis changed[j].
  const a = new Map(changed.map((axis, j) => [j * e + axis, 1]));
  // lora_b [rank, vocab]: row v, column j is the change to token v's score from axis changed[j].
  const b = new Map<number, number>();
  changed.forEach((axis, j) => {
    b.set(before.get(axis)! * rank + j, -w);
    b.set(after.get(axis)! * rank + j, w);
  });
  const sparse = (entries: ReadonlyMap<number, number>) => (start: number, out: Float32Array) => {
    for (const [i, v] of entries) if (i >= start && i < start + out.length) out[i - start] = v;
  };
  await writeLoraAdapter(filePath, {
    name: spec.name,
    alpha: rank,
    tensors: [{ target: 'output.weight', inputDim: e, outputDim: vocab.tokens.length, rank, fillA: sparse(a), fillB: sparse(b) }],
  });
  return { expectedText: knownSentenceText(spec.adaptedWords), rank };
}
