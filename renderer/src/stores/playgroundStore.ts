import { create } from 'zustand';
import type { RunResult } from '../../../shared/domain';
import type { TriadErrorData } from '../../../shared/errors';
import type { ApiClient } from '../api/ApiClient';
import { asTriadError } from '../api/ApiClient';
import type { EventHub } from '../events/EventHub';
import { EMPTY_PARAMS } from '../playground/paramFields';
import type { NumericParam, ParamDraft } from '../playground/paramFields';
import { buildRunInput, DraftError, newStreamId, type PickedAdapter } from '../playground/runInput';
import { withPickedPrompt } from '../prompts/promptPickStore';
import type { RunMode } from '../playground/runInput';

export type RunPhase = 'idle' | 'running' | 'done' | 'failed';

export interface RunState {
  phase: RunPhase;
  streamId: string | null;
  traceId: string | null;
  output: string;
  streamedTokens: number;
  startedAt: number | null;
  /** When the first token arrived (ms since the epoch): live tokens/s count from here. */
  firstTokenAt: number | null;
  result: RunResult | null;
  error: TriadErrorData | null;
  stopping: boolean;
}

const IDLE_RUN: RunState = {
  phase: 'idle',
  streamId: null,
  traceId: null,
  output: '',
  streamedTokens: 0,
  startedAt: null,
  firstTokenAt: null,
  result: null,
  error: null,
  stopping: false,
};

/** How long a run waits for the live feed before it starts anyway (the final output still arrives). */
const FEED_WAIT_MS = 1500;

interface PlaygroundState {
  model: string;
  mode: RunMode;
  system: string;
  prompt: string;
  params: ParamDraft;
  stopStrings: string;
  jsonSchema: string;
  adapters: PickedAdapter[];
  run: RunState;
  setModel: (model: string) => void;
  setMode: (mode: RunMode) => void;
  setSystem: (system: string) => void;
  setPrompt: (prompt: string) => void;
  setParam: (key: NumericParam, value: string) => void;
  resetParams: () => void;
  setStopStrings: (stopStrings: string) => void;
  setJsonSchema: (jsonSchema: string) => void;
  setAdapters: (adapters: PickedAdapter[]) => void;
  start: (api: ApiClient, events: EventHub, model: string) => Promise<void>;
  stop: (api: ApiClient) => Promise<void>;
}

/**
 * The playground's form and its current run. It lives outside the page so a
 * run keeps streaming, and the draft survives, while the user looks elsewhere.
 */
export const usePlaygroundStore = create<PlaygroundState>()((set, get) => {
  /** Applies a change to the run only while it is still the run with this stream id. */
  const patchRun = (streamId: string, patch: (run: RunState) => Partial<RunState>) =>
    set((s) => (s.run.streamId === streamId ? { run: { ...s.run, ...patch(s.run) } } : s));

  return {
    model: '',
    mode: 'chat',
    system: '',
    prompt: '',
    params: EMPTY_PARAMS,
    stopStrings: '',
    jsonSchema: '',
    adapters: [],
    run: IDLE_RUN,
    setModel: (model) => set({ model }),
    setMode: (mode) => set({ mode }),
    setSystem: (system) => set({ system }),
    setPrompt: (prompt) => set({ prompt }),
    setParam: (key, value) => set((s) => ({ params: { ...s.params, [key]: value } })),
    resetParams: () => set({ params: EMPTY_PARAMS }),
    setStopStrings: (stopStrings) => set({ stopStrings }),
    setJsonSchema: (jsonSchema) => set({ jsonSchema }),
    setAdapters: (adapters) => set({ adapters }),

    start: async (api, events, model) => {
      if (get().run.phase === 'running') return;
      const streamId = newStreamId();
      let input: ReturnType<typeof buildRunInput>;
      try {
        input = withPickedPrompt(buildRunInput(get(), model, streamId));
      } catch (error) {
        if (!(error instanceof DraftError)) throw error;
        set({ run: { ...IDLE_RUN, phase: 'failed', error: { code: 'BAD_INPUT', message: error.message } } });
        return;
      }
      set({ run: { ...IDLE_RUN, phase: 'running', streamId, startedAt: Date.now() } });
      const off = events.on((event) => {
        if (event.type === 'job.progress' || event.streamId !== streamId) return;
        if (event.type === 'run.started') patchRun(streamId, () => ({ traceId: event.traceId }));
        if (event.type === 'run.token') {
          patchRun(streamId, (run) =>
            run.phase === 'running'
              ? { output: run.output + event.text, streamedTokens: run.streamedTokens + 1, firstTokenAt: run.firstTokenAt ?? Date.now() }
              : {},
          );
        }
      });
      try {
        await events.whenOpen(FEED_WAIT_MS);
        const result = await api.call('runs.create', input);
        patchRun(streamId, () => ({ phase: 'done', output: result.output, traceId: result.traceId, result, stopping: false }));
      } catch (error) {
        patchRun(streamId, () => ({ phase: 'failed', error: asTriadError(error).toJSON(), stopping: false }));
      } finally {
        off();
      }
    },

    stop: async (api) => {
      const { phase, streamId } = get().run;
      if (phase !== 'running' || streamId === null) return;
      patchRun(streamId, () => ({ stopping: true }));
      try {
        await api.call('runs.cancel', { streamId });
      } catch (error) {
        patchRun(streamId, () => ({ stopping: false, error: asTriadError(error).toJSON() }));
      }
    },
  };
});
