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
  /** Stop strings, one per line. */
  stopStrings: string;
  /** A JSON schema the output must follow, as typed; blank for free text. */
  jsonSchema: string;
  /** LoRA adapters picked, each for the model version it was picked for. */
  adapters?: readonly PickedAdapter[];
}

export interface PickedAdapter {
  model: string;
  ref: string;
  scale: number;
}

/** Thrown for a draft that cannot become a request (a schema that is not JSON). */
export class DraftError extends Error {}

function parseSchema(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DraftError(`The JSON schema is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DraftError('The JSON schema must be a JSON object, e.g. {"type": "object"}.');
  return parsed as Record<string, unknown>;
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
  const stop = form.stopStrings.split('\n').filter((line) => line !== '');
  if (stop.length > 0) params.stop = stop;
  if (form.jsonSchema.trim() !== '') params.jsonSchema = parseSchema(form.jsonSchema);
  // Adapters picked for another model version are not sent: they are bound to that version's bytes.
  const adapters = (form.adapters ?? []).filter((a) => a.model === model).map((a) => ({ ref: a.ref, scale: a.scale }));
  if (adapters.length > 0) params.adapters = adapters;
  return { model, prompt: form.prompt, params, streamId };
}

/** A stream id the contract accepts: 32 characters of [0-9a-f]. */
export function newStreamId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
