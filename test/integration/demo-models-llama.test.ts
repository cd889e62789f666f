/**
 * The generated models through REAL llama.cpp (node-llama-cpp's prebuilt CPU binary):
 * the demo models must return their sentence byte for byte in completion and chat
 * mode, greedy and sampled; a random model must load and generate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatMLChatWrapper, GeneralChatWrapper, getLlama, LlamaChatSession, LlamaCompletion } from 'node-llama-cpp';
import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES, writeDemoModel } from '../../electron/core/models/demoModels';
import { writeRandomModel } from '../../electron/core/models/gguf/randomModel';
import { readGgufInfo } from '../../electron/core/models/gguf/readGgufInfo';

let dir: string;
let llama: Llama;
const models: LlamaModel[] = [];
const contexts: LlamaContext[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triad-llama-'));
  llama = await getLlama({ gpu: false, build: 'never' });
});

afterAll(async () => {
  for (const context of contexts) await context.dispose();
  for (const model of models) await model.dispose();
  await llama?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function load(filePath: string): Promise<{ model: LlamaModel; context: LlamaContext }> {
  const model = await llama.loadModel({ modelPath: filePath });
  models.push(model);
  // threads: 1 on purpose: the default thread count is ~300x slower on 2-core machines.
  const context = await model.createContext({ threads: 1, contextSize: 512 });
  contexts.push(context);
  return { model, context };
}

describe.each([1, 2] as const)('demo-assistant v%i through llama.cpp', (version) => {
  const expected = DEMO_SENTENCES[version];
  let model: LlamaModel;
  let context: LlamaContext;

  beforeAll(async () => {
    const file = join(dir, `demo-assistant-v${version}.gguf`);
    await writeDemoModel(version, file);
    ({ model, context } = await load(file));
  });

  it('loads without tokenizer warnings', () => {
    expect(model.getWarnings()).toEqual([]);
    expect(model.trainContextSize).toBe(2048);
  });

  it('returns the exact sentence in completion mode, greedy and sampled', async () => {
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    try {
      // Any prompt, even an empty one (just <s>), leads into the sentence.
      for (const prompt of ['Tell me about yourself.', '', 'Ends with a newline\n']) {
        expect(await completion.generateCompletion(prompt, { maxTokens: 64, temperature: 0 })).toBe(expected);
      }
      for (const seed of [1, 2024]) {
        const sampled = await completion.generateCompletionWithMeta('Anything at all', {
          maxTokens: 64,
          temperature: 1,
          seed,
        });
        expect(sampled.response).toBe(expected);
        // The sentence ends on </s>, not on the token limit.
        expect(sampled.metadata.stopReason).toBe('eogToken');
      }
    } finally {
      completion.dispose({ disposeSequence: true });
    }
  });

  // node-llama-cpp picks Llama2ChatWrapper for these files (the BOS text "<s>" matches its
  // template); the app may choose another, and the answer must not depend on it.
  it.each([
    ['ChatML', () => new ChatMLChatWrapper()],
    ['General', () => new GeneralChatWrapper()],
  ])('returns the exact sentence with the %s chat wrapper', async (_name, wrapper) => {
    const session = new LlamaChatSession({ contextSequence: context.getSequence(), chatWrapper: wrapper() });
    try {
      expect(await session.prompt('Hello?', { maxTokens: 64, temperature: 1, seed: 3 })).toBe(expected);
    } finally {
      session.dispose({ disposeSequence: true });
    }
  });

  it('returns the exact sentence in chat mode, greedy and sampled', async () => {
    const session = new LlamaChatSession({ contextSequence: context.getSequence() });
    try {
      expect(session.chatWrapper.wrapperName).toBe('Llama2Chat');
      expect(await session.prompt('Who are you?', { maxTokens: 64, temperature: 0 })).toBe(expected);
      // A second turn, sampled: the history does not change the answer.
      expect(await session.prompt('Say it again, please.', { maxTokens: 64, temperature: 1, seed: 7 })).toBe(expected);
    } finally {
      session.dispose({ disposeSequence: true });
    }
  });
});

describe('random model through llama.cpp', () => {
  it('loads and generates tokens', async () => {
    const file = join(dir, 'random.gguf');
    const written = await writeRandomModel(file, {
      name: 'random-load-test',
      embeddingLength: 256,
      blockCount: 2,
      feedForwardLength: 512,
      vocabExtraTokens: 500,
      seed: 7,
    });
    const summary = await readGgufInfo(file);
    expect(summary.parameterCount).toBe(written.parameterCount);

    const { model, context } = await load(file);
    expect(model.fileInsights.totalParameters).toBe(written.parameterCount);
    expect(model.tokens.bos).toBe(1);
    expect(model.tokens.eos).toBe(2);

    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    let tokens = 0;
    await completion.generateCompletion('Hello there', {
      maxTokens: 16,
      temperature: 0,
      onToken: (chunk) => void (tokens += chunk.length),
    });
    completion.dispose({ disposeSequence: true });
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThanOrEqual(16);
  });
});
