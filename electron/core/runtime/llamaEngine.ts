import { stat } from 'node:fs/promises';
import {
  getLlama,
  LlamaChatSession,
  LlamaCompletion,
  LlamaLogLevel,
  type GbnfJsonSchema,
  type Llama,
  type LlamaContext,
  type LlamaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import type { RuntimeInfo } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { engineSettingsFromEnv, type EngineSettings } from './engineSettings';
import type { DeviceMemory, Engine, EngineAdapter, FinishReason, GenerateRequest, GenerateResult } from './generation';
import { ModelCache, type CachedEntry } from './modelCache';
import { nodeLlamaCppVersion } from './runtimeVersions';
import { samplingOptions } from './sampling';
import { chooseThreads } from './threads';
import { historyItems } from './chatHistory';

interface LoadedModel extends CachedEntry {
  model: LlamaModel;
  context: LlamaContext;
  threads: number;
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
 * Models load on demand and stay loaded within a memory budget.
 */
export class LlamaEngine implements Engine {
  private llama: Promise<Llama> | null = null;
  private settings: EngineSettings;
  private readonly cache: ModelCache<LoadedModel>;

  constructor(options: Partial<EngineSettings> = {}) {
    this.settings = { ...engineSettingsFromEnv(), ...options };
    this.cache = new ModelCache<LoadedModel>(this.settings.memoryBudgetBytes, async (m) => {
      await m.context.dispose();
      await m.model.dispose();
    });
  }

  /**
   * Settings changed (workspace settings): threads and context size apply to
   * models loaded from now on, the memory budget at the next load; the GPU
   * choice only before llama.cpp has been loaded in this process.
   */
  applySettings(next: EngineSettings): void {
    this.settings = { ...next, gpu: this.llama ? this.settings.gpu : next.gpu };
    this.cache.setBudget(next.memoryBudgetBytes);
  }

  private getLlama(): Promise<Llama> {
    const gpu = this.settings.gpu === 'cpu' ? false : this.settings.gpu;
    this.llama ??= getLlama({ gpu, build: 'never', skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error });
    return this.llama;
  }

  async backend(): Promise<RuntimeInfo['backend']> {
    const llama = await this.getLlama();
    return llama.gpu === false ? 'cpu' : llama.gpu;
  }

  /** Keys (sha256) of the models loaded now, for tests and the status view. */
  loadedModels(): string[] {
    return this.cache.keys();
  }

  async deviceMemory(): Promise<DeviceMemory | null> {
    if (!this.llama) return null;
    const llama = await this.llama;
    const [vram, swap] = await Promise.all([llama.getVramState(), llama.getSwapState()]);
    // Without a GPU llama.cpp reports a total of 0: record "none", not "0 of 0".
    return {
      vramUsedBytes: vram.total > 0 ? vram.used : null,
      vramTotalBytes: vram.total > 0 ? vram.total : null,
      swapUsedBytes: swap.allocated > 0 || swap.used > 0 ? swap.used : null,
    };
  }

  private async acquire(modelKey: string, modelPath: string, adapters: readonly EngineAdapter[] = []) {
    const fileBytes = (await stat(modelPath).catch(() => null))?.size ?? 0;
    // One entry per (model, adapter set): llama.cpp binds adapters to a context and frees
    // them only with the model, so each set gets its own model handle (the weights are
    // mmapped, so the pages are shared) and unloading an entry releases its adapters.
    const key = adapters.length === 0 ? modelKey : `${modelKey}+lora:${adapters.map((a) => `${a.key}*${a.scale}`).join(',')}`;
    return this.cache.acquire(key, fileBytes, async () => {
      const llama = await this.getLlama();
      let model: LlamaModel;
      try {
        model = await llama.loadModel({ modelPath });
      } catch (err) {
        throw new TriadError('MODEL_LOAD_FAILED', `llama.cpp could not load ${modelPath}: ${(err as Error).message}`, 'Check that the file is a complete GGUF model this version of llama.cpp supports.');
      }
      const threads = chooseThreads({ override: this.settings.threads, modelBytes: model.size });
      let context: LlamaContext;
      try {
        context = await model.createContext({
          contextSize: { max: Math.min(this.settings.contextSize, model.trainContextSize || this.settings.contextSize) },
          threads,
          sequences: 1,
          ...(adapters.length > 0 ? { lora: { adapters: adapters.map((a) => ({ filePath: a.path, scale: a.scale })) } } : {}),
        });
      } catch (err) {
        await model.dispose();
        if (adapters.length === 0) throw err;
        throw new TriadError('MODEL_LOAD_FAILED', `llama.cpp could not apply the LoRA adapters: ${(err as Error).message}`, 'Check that each adapter was made for this base model.');
      }
      return { model, context, threads, bytes: model.size + context.stateSize, lastUsed: 0, inUse: 0 };
    });
  }

  private async grammarFor(schema: Record<string, unknown> | undefined): Promise<LlamaGrammar | undefined> {
    if (!schema) return undefined;
    const llama = await this.getLlama();
    try {
      // The schema arrives as JSON; llama.cpp's converter rejects what it cannot express.
      return await llama.createGrammarForJsonSchema<GbnfJsonSchema, Record<string, GbnfJsonSchema>>(schema as GbnfJsonSchema);
    } catch (err) {
      throw new TriadError('BAD_INPUT', `The JSON schema cannot constrain generation: ${(err as Error).message}`, 'Use types, properties, enums, arrays and required fields (a JSON Schema subset).');
    }
  }

  /** Generates one answer. Callers serialise through RunQueue; each context has one sequence. */
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const loadStart = performance.now();
    const { entry, loaded } = await this.acquire(req.modelKey, req.modelPath, req.adapters);
    const loadMs = loaded ? performance.now() - loadStart : null;
    try {
      const grammar = await this.grammarFor(req.params.jsonSchema);
      const llama = await this.getLlama();
      const sequence = entry.context.getSequence();
      req.onGenerationStart?.(loaded);
      const started = performance.now();
      let firstTokenAt: number | null = null;
      let streamed = '';
      const sampling = samplingOptions(req.params, req.signal, (text) => {
        firstTokenAt ??= performance.now();
        streamed += text;
        req.onToken(text);
      }, grammar);
      let chatWrapper: string | null = null;
      try {
        let output: string;
        let stopReason: string;
        if (req.signal.aborted) {
          // Cancelled while it waited its turn: nothing was generated.
          output = '';
          stopReason = 'abort';
        } else if (req.params.mode === 'completion') {
          const completion = new LlamaCompletion({ contextSequence: sequence });
          try {
            const res = await completion.generateCompletionWithMeta(req.prompt, sampling);
            output = res.response;
            stopReason = res.metadata.stopReason;
          } catch (err) {
            if (!req.signal.aborted) throw err;
            output = streamed;
            stopReason = 'abort';
          }
        } else {
          const session = new LlamaChatSession({
            contextSequence: sequence,
            autoDisposeSequence: false,
            ...(req.params.system ? { systemPrompt: req.params.system } : {}),
          });
          chatWrapper = session.chatWrapper.wrapperName;
          if (req.history && req.history.length > 0) session.setChatHistory([...session.getChatHistory(), ...historyItems(req.history)]);
          try {
            const res = await session.promptWithMeta(req.prompt, sampling);
            output = res.responseText;
            stopReason = res.stopReason;
          } catch (err) {
            // An abort at an awkward moment (e.g. during prompt evaluation) throws instead of returning.
            if (!req.signal.aborted) throw err;
            output = streamed;
            stopReason = 'abort';
          } finally {
            session.dispose({ disposeSequence: false });
          }
        }
        const ended = performance.now();
        const inputTokens = sequence.tokenMeter.usedInputTokens;
        const outputTokens = sequence.tokenMeter.usedOutputTokens;
        const ttftMs = firstTokenAt === null ? null : firstTokenAt - started;
        const genMs = firstTokenAt === null ? null : ended - firstTokenAt;
        return {
          output,
          finishReason: STOP_REASONS[stopReason] ?? 'stop',
          inputTokens,
          outputTokens,
          ttftMs,
          totalMs: ended - started + (loadMs ?? 0),
          tokensPerSecond: genMs && genMs > 0 && outputTokens > 1 ? ((outputTokens - 1) * 1000) / genMs : null,
          promptTokensPerSecond: ttftMs && ttftMs > 0 && inputTokens > 0 ? (inputTokens * 1000) / ttftMs : null,
          loadMs,
          runtime: {
            backend: llama.gpu === false ? 'cpu' : llama.gpu,
            gpuLayers: entry.model.gpuLayers,
            threads: entry.threads,
            contextSize: entry.context.contextSize,
            nodeLlamaCppVersion: nodeLlamaCppVersion(),
            llamaCppVersion: llama.llamaCppRelease.release,
            chatWrapper,
          },
        };
      } finally {
        sequence.dispose();
      }
    } finally {
      this.cache.release(entry);
    }
  }

  async dispose(): Promise<void> {
    await this.cache.clear();
    if (this.llama) await (await this.llama).dispose();
    this.llama = null;
  }
}
