import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';

interface PromptPick {
  /** NAME@LABEL or NAME@VERSION; empty when the playground's own prompt text is used. */
  ref: string;
  vars: Record<string, string>;
  setRef: (ref: string) => void;
  setVar: (name: string, value: string) => void;
}

/** The playground's chosen saved prompt, kept beside (not inside) the playground's own store. */
export const usePromptPick = create<PromptPick>()((set) => ({
  ref: '',
  vars: {},
  setRef: (ref) => set({ ref }),
  setVar: (name, value) => set((s) => ({ vars: { ...s.vars, [name]: value } })),
}));

type RunInput = MethodInput<'runs.create'>;

/**
 * Turns the playground's run into a run by reference when a prompt is picked:
 * the saved prompt supplies the text and system prompt; the chosen model and
 * any parameters typed in the playground still win.
 */
export function withPickedPrompt(input: RunInput): RunInput {
  const { ref, vars } = usePromptPick.getState();
  if (ref === '') return input;
  const { prompt: _prompt, params, ...rest } = input;
  const { system: _system, ...explicit } = params ?? {};
  return { ...rest, params: explicit, promptRef: ref, vars };
}
