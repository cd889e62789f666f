import type { MethodInput } from '../../../shared/contract';
import type { ParamDraft } from './paramFields';

type RunInput = MethodInput<'runs.create'>;
type RunParamsInput = NonNullable<RunInput['params']>;

export type RunMode = 'chat' | 'completion';

export interface RunForm {
  mode: RunMode;
  system: string;
  prompt: string;
  params: ParamDraft;
}

/**
 * The runs.create input for the form as it stands. Blank numeric fields are
 * left out so the core's defaults apply; nothing else is checked here, so the
 * core's own messages reach the user.
 */
export function buildRunInput(form: RunForm, model: string, streamId: string): RunInput {
  const params: RunParamsInput = { mode: form.mode };
  if (form.mode === 'chat' && form.system.trim() !== '') params.system = form.system;
  for (const key of Object.keys(form.params) as (keyof ParamDraft)[]) {
    const raw = form.params[key].trim();
    if (raw !== '') params[key] = Number(raw);
  }
  return { model, prompt: form.prompt, params, streamId };
}

/** A stream id the contract accepts: 32 characters of [0-9a-f]. */
export function newStreamId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
