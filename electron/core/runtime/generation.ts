import type { RecordedParams } from '../../../shared/domain';

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface GenerateRequest {
  /** Identity of the weights (their sha256): loaded models are cached by it. */
  modelKey: string;
  modelPath: string;
  prompt: string;
  params: RecordedParams;
  signal: AbortSignal;
  onToken(text: string): void;
}

export interface GenerateResult {
  output: string;
  finishReason: FinishReason;
  inputTokens: number;
  outputTokens: number;
  ttftMs: number | null;
  totalMs: number;
  tokensPerSecond: number | null;
}

/** What the run service needs from a runtime: the real one is LlamaEngine. */
export interface Engine {
  generate(req: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
}
