import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { RunMode } from '../playground/runInput';

/** What the picked prompt version pins; null fields are left to the playground. */
export interface PromptPins {
  model: string | null;
  mode: RunMode | null;
}

interface PromptPick {
  /** NAME@LABEL or NAME@VERSION; empty when the playground's own prompt text is used. */
  ref: string;
  vars: Record<string, string>;
  /** The picked version's pinned model and mode, once it has been resolved. */
  pins: PromptPins | null;
  /** Which of model and mode the user chose explicitly after picking; those win over the pins. */
  overridden: { model: boolean; mode: boolean };
  setRef: (ref: string) => void;
  setVar: (name: string, value: string) => void;
  setPins: (pins: PromptPins | null) => void;
  override: (what: 'model' | 'mode') => void;
}

const NOT_OVERRIDDEN = { model: false, mode: false };

/** The playground's chosen saved prompt, kept beside (not inside) the playground's own store. */
export const usePromptPick = create<PromptPick>()((set) => ({
  ref: '',
  vars: {},
  pins: null,
  overridden: NOT_OVERRIDDEN,
  // A new pick applies its own pins again, whatever was overridden for the previous one.
  setRef: (ref) => set((s) => (s.ref === ref ? s : { ref, pins: null, overridden: NOT_OVERRIDDEN })),
  setVar: (name, value) => set((s) => ({ vars: { ...s.vars, [name]: value } })),
  setPins: (pins) => set({ pins }),
  override: (what) => set((s) => (s.ref === '' ? s : { overridden: { ...s.overridden, [what]: true } })),
}));

/** The model and mode the picked prompt supplies now (null where the playground's own choice applies). */
export function appliedPins(pick: Pick<PromptPick, 'ref' | 'pins' | 'overridden'>): PromptPins {
  if (pick.ref === '' || pick.pins === null) return { model: null, mode: null };
  return {
    model: pick.overridden.model ? null : pick.pins.model,
    mode: pick.overridden.mode ? null : pick.pins.mode,
  };
}

type RunInput = MethodInput<'runs.create'>;

/**
 * Turns the playground's run into a run by reference when a prompt is picked:
 * the saved prompt supplies the text and system prompt, and its pinned model
 * and mode unless the user changed those after picking; parameters typed in
 * the playground still win. A pinned model is left for the core to resolve, so
 * a pin such as NAME@production means the version labelled now.
 */
export function withPickedPrompt(input: RunInput): RunInput {
  const pick = usePromptPick.getState();
  if (pick.ref === '') return input;
  const applied = appliedPins(pick);
  const { prompt: _prompt, params, model, ...rest } = input;
  const { system: _system, mode, ...explicit } = params ?? {};
  return {
    ...rest,
    ...(applied.model === null && model !== undefined ? { model } : {}),
    params: { ...explicit, ...(applied.mode === null && mode !== undefined ? { mode } : {}) },
    promptRef: pick.ref,
    vars: pick.vars,
  };
}
