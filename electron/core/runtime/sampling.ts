import type { LlamaGrammar } from 'node-llama-cpp';
import type { RecordedParams } from '../../../shared/domain';

/** The sampling options node-llama-cpp takes in both completion and chat mode. */
export interface SamplingOptions {
  temperature: number;
  topK: number;
  topP: number;
  minP: number;
  seed: number;
  maxTokens: number;
  repeatPenalty: false | { penalty: number };
  customStopTriggers?: string[];
  grammar?: LlamaGrammar;
  signal: AbortSignal;
  stopOnAbortSignal: true;
  onTextChunk: (text: string) => void;
}

/** Maps the recorded parameters one to one; a penalty of 1 is off, as llama.cpp defines it. */
export function samplingOptions(
  p: RecordedParams,
  signal: AbortSignal,
  onTextChunk: (text: string) => void,
  grammar: LlamaGrammar | undefined,
): SamplingOptions {
  return {
    temperature: p.temperature,
    topK: p.topK,
    topP: p.topP,
    minP: p.minP,
    seed: p.seed,
    maxTokens: p.maxTokens,
    repeatPenalty: p.repeatPenalty > 1 ? { penalty: p.repeatPenalty } : false,
    ...(p.stop.length > 0 ? { customStopTriggers: [...p.stop] } : {}),
    ...(grammar ? { grammar } : {}),
    signal,
    stopOnAbortSignal: true,
    onTextChunk,
  };
}
