import type { RecordedParams, RuntimeInfo } from '../../../shared/domain';
import type { EngineSettings } from './engineSettings';

/** A turn of a conversation before the message the model answers now. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A LoRA adapter file for the engine: `key` is its sha256. */
export interface EngineAdapter {
  key: string;
  path: string;
  scale: number;
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface GenerateRequest {
  /** Identity of the weights (their sha256): loaded models are cached by it. */
  modelKey: string;
  modelPath: string;
  /** LoRA adapters to apply (resolved and integrity-checked); a context is cached per model and adapter set. */
  adapters?: readonly EngineAdapter[] | undefined;
  prompt: string;
  /** Earlier user/assistant turns (chat mode only), placed after the system prompt and before `prompt`. */
  history?: readonly ChatTurn[] | undefined;
  params: RecordedParams;
  signal: AbortSignal;
  onToken(text: string): void;
  /** Called when generation is about to begin; `modelLoaded` says whether this call had to load the model. */
  onGenerationStart?(modelLoaded: boolean): void;
}

export interface GenerateResult {
  output: string;
  finishReason: FinishReason;
  inputTokens: number;
  outputTokens: number;
  ttftMs: number | null;
  totalMs: number;
  tokensPerSecond: number | null;
  promptTokensPerSecond: number | null;
  /** Milliseconds spent loading the model for this call; null when it was already loaded. */
  loadMs: number | null;
  runtime: RuntimeInfo;
}

export interface DeviceMemory {
  vramUsedBytes: number | null;
  vramTotalBytes: number | null;
  swapUsedBytes: number | null;
}

/** What the run service needs from a runtime: the real one is LlamaEngine. */
export interface Engine {
  generate(req: GenerateRequest): Promise<GenerateResult>;
  /** VRAM and swap as llama.cpp sees them; null until llama.cpp has been loaded (never loads it). */
  deviceMemory(): Promise<DeviceMemory | null>;
  dispose(): Promise<void>;
  /** Workspace settings changed; an engine applies what it can to later loads (optional: test engines ignore it). */
  applySettings?(settings: EngineSettings): void;
}
