import { getLlama, LlamaChatSession, LlamaCompletion, LlamaLogLevel, type Llama, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import type { Engine, FinishReason, GenerateRequest, GenerateResult } from './generation';
import { TriadError } from '../../../shared/errors';
import { chooseThreads } from './threads';

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  lastUsed: number;
}

export interface LlamaEngineOptions {
  /** 'auto' detects CUDA/Vulkan/Metal from the prebuilt binaries; false forces CPU. */
  gpu?: 'auto' | false;
  threads?: number;
  /** How many models stay loaded at once; the least recently used goes first. */
  maxLoadedModels?: number;
  contextSize?: number;
}

const STOP_REASONS: Record<string, FinishReason> = {
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
  functionCalls: 'stop',
  maxTokens: 'length',
  abort: 'abort',
};

/**
 * One llama.cpp instance for the process. Never builds or downloads anything:
 * it loads the prebuilt binaries that arrived with npm (`build: 'never'`).
 */
export class LlamaEngine implements Engine {
  private llama: Promise<Llama> | null = null;
  private readonly loaded = new Map<string, Promise<LoadedModel>>();
  private readonly threads: number;

  constructor(private readonly options: LlamaEngineOptions = {}) {
    this.threads = options.threads ?? chooseThreads();
  }

  private getLlama(): Promise<Llama> {
    this.llama ??= getLlama({ gpu: this.options.gpu ?? false, build: 'never', skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error });
    return this.llama;
  }

  async backend(): Promise<string> {
    const llama = await this.getLlama();
    return llama.gpu === false ? 'cpu' : llama.gpu;
  }

  private async load(key: string, modelPath: string): Promise<LoadedModel> {
    let entry = this.loaded.get(key);
    if (!entry) {
      entry = (async () => {
        const llama = await this.getLlama();
        let model: LlamaModel;
        try {
          model = await llama.loadModel({ modelPath });
        } catch (err) {
          throw new TriadError('MODEL_LOAD_FAILED', `llama.cpp could not load ${modelPath}: ${(err as Error).message}`, 'Check that the file is a complete GGUF model this version of llama.cpp supports.');
        }
        const context = await model.createContext({
          contextSize: { max: this.options.contextSize ?? 4096 },
          threads: this.threads,
          sequences: 1,
        });
        return { model, context, lastUsed: Date.now() };
      })();
      this.loaded.set(key, entry);
      entry.catch(() => this.loaded.delete(key));
      await this.evict(key);
    }
    const model = await entry;
    model.lastUsed = Date.now();
    return model;
  }

  private async evict(keep: string): Promise<void> {
    const max = this.options.maxLoadedModels ?? 2;
    if (this.loaded.size <= max) return;
    const entries = await Promise.all(
      [...this.loaded].filter(([k]) => k !== keep).map(async ([k, p]) => [k, await p.catch(() => null)] as const),
    );
    const oldest = entries.filter((e) => e[1] !== null).sort((a, b) => a[1]!.lastUsed - b[1]!.lastUsed);
    for (const [k, m] of oldest.slice(0, this.loaded.size - max)) {
      this.loaded.delete(k);
      await m!.context.dispose();
      await m!.model.dispose();
    }
  }

  /** Generates one answer. Callers serialise through RunQueue; the context has one sequence. */
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const { context } = await this.load(req.modelKey, req.modelPath);
    const sequence = context.getSequence();
    const started = performance.now();
    let firstTokenAt: number | null = null;
    const onTextChunk = (text: string): void => {
      firstTokenAt ??= performance.now();
      req.onToken(text);
    };
    const p = req.params;
    const sampling = {
      temperature: p.temperature,
      topK: p.topK,
      topP: p.topP,
      seed: p.seed,
      maxTokens: p.maxTokens,
      signal: req.signal,
      stopOnAbortSignal: true,
      onTextChunk,
    };
    try {
      let output: string;
      let stopReason: string;
      if (p.mode === 'completion') {
        const completion = new LlamaCompletion({ contextSequence: sequence });
        const res = await completion.generateCompletionWithMeta(req.prompt, sampling);
        output = res.response;
        stopReason = res.metadata.stopReason;
      } else {
        const session = new LlamaChatSession({
          contextSequence: sequence,
          autoDisposeSequence: false,
          ...(p.system ? { systemPrompt: p.system } : {}),
        });
        const res = await session.promptWithMeta(req.prompt, sampling);
        output = res.responseText;
        stopReason = res.stopReason;
        session.dispose({ disposeSequence: false });
      }
      const ended = performance.now();
      const outputTokens = sequence.tokenMeter.usedOutputTokens;
      const genMs = firstTokenAt === null ? null : ended - firstTokenAt;
      return {
        output,
        finishReason: STOP_REASONS[stopReason] ?? 'stop',
        inputTokens: sequence.tokenMeter.usedInputTokens,
        outputTokens,
        ttftMs: firstTokenAt === null ? null : firstTokenAt - started,
        totalMs: ended - started,
        tokensPerSecond: genMs && genMs > 0 && outputTokens > 1 ? ((outputTokens - 1) * 1000) / genMs : null,
      };
    } finally {
      sequence.dispose();
    }
  }

  async dispose(): Promise<void> {
    const all = await Promise.all([...this.loaded.values()].map((p) => p.catch(() => null)));
    this.loaded.clear();
    for (const m of all) {
      if (!m) continue;
      await m.context.dispose();
      await m.model.dispose();
    }
    if (this.llama) await (await this.llama).dispose();
    this.llama = null;
  }
}
