import type { RecordedParams, RuntimeInfo } from '../../../shared/domain';

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface GenerateRequest {
  /** Identity of the weights (their sha256): loaded models are cached by it. */
  modelKey: string;
  modelPath: string;
  prompt: string;
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
}
