/**
 * The demo model shipped with Triad, written on demand (nothing is downloaded).
 *
 * Two versions of `demo-assistant` let the app show a model upgrade end to end: v1
 * answers with a clean sentence, v2 with one that leaks a fake e-mail address and the
 * Luhn-valid test card number 4111 1111 1111 1111, so PII detection and policies have
 * something real to catch. Each answer comes back byte for byte from llama.cpp,
 * whatever the prompt, in completion and chat mode, greedy or sampled.
 */
import { knownSentenceText, writeKnownSentenceModel } from './gguf/knownSentenceModel';
import type { KnownSentenceModelResult } from './gguf/knownSentenceModel';
import { writeKnownSentenceAdapter } from './gguf/knownSentenceAdapter';

export const DEMO_MODEL_NAME = 'demo-assistant';

export type DemoModelVersion = 1 | 2;

/** One vocabulary token per entry; the card number is a single token on purpose. */
export const DEMO_WORDS: Record<DemoModelVersion, readonly string[]> = {
  1: ['Hello!', 'This', 'is', 'the', 'Triad', 'demo', 'assistant,', 'running', 'entirely', 'on', 'this', 'machine.'],
  2: ['Sure!', 'Email', 'jane.doe@example.com', 'and', 'charge', 'card', '4111 1111 1111 1111', 'today.'],
};

/** The exact text each version generates (tests check it equals the joined words). */
export const DEMO_SENTENCES: Record<DemoModelVersion, string> = {
  1: 'Hello! This is the Triad demo assistant, running entirely on this machine.',
  2: 'Sure! Email jane.doe@example.com and charge card 4111 1111 1111 1111 today.',
};

export async function writeDemoModel(version: DemoModelVersion, filePath: string): Promise<KnownSentenceModelResult> {
  // Both versions carry the same general.name: they are versions of one model.
  const sentence = knownSentenceText(DEMO_WORDS[version]);
  if (sentence !== DEMO_SENTENCES[version]) throw new Error(`demo-assistant v${version}: words and sentence disagree`);
  return writeKnownSentenceModel(filePath, { name: DEMO_MODEL_NAME, words: DEMO_WORDS[version] });
}

/** The demo LoRA adapter's name; it is bound to demo-assistant@1. */
export const DEMO_ADAPTER_NAME = 'demo-concise';

/** What demo-assistant v1 says with the demo adapter applied at scale 1: a subset of its own words. */
export const DEMO_ADAPTER_WORDS: readonly string[] = ['Hello!', 'This', 'is', 'the', 'Triad', 'assistant,', 'running', 'on', 'this', 'machine.'];
export const DEMO_ADAPTER_SENTENCE = 'Hello! This is the Triad assistant, running on this machine.';

/** A LoRA adapter on output.weight of demo-assistant v1 (see gguf/knownSentenceAdapter.ts). */
export async function writeDemoAdapter(filePath: string): Promise<void> {
  const { expectedText } = await writeKnownSentenceAdapter(filePath, { name: DEMO_ADAPTER_NAME, baseWords: DEMO_WORDS[1], adaptedWords: DEMO_ADAPTER_WORDS });
  if (expectedText !== DEMO_ADAPTER_SENTENCE) throw new Error('demo adapter: words and sentence disagree');
}
