import { RunParamsSchema } from '../../../shared/domain';

export type NumericParam = 'temperature' | 'topK' | 'topP' | 'minP' | 'repeatPenalty' | 'seed' | 'maxTokens';

export interface ParamField {
  key: NumericParam;
  label: string;
  min: number;
  max: number;
  step: number;
  /** The core's default, shown as the placeholder; null where blank means something else. */
  fallback: number | null;
  help: string;
}

const shape = RunParamsSchema.shape;

// Ranges and defaults come from the contract's schema so the form cannot drift from what the core accepts.
function field(
  key: NumericParam,
  label: string,
  schema: { minValue: number | null; maxValue: number | null },
  step: number,
  fallback: number | null,
  help: string,
): ParamField {
  return { key, label, min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, step, fallback, help };
}

export const PARAM_FIELDS: readonly ParamField[] = [
  field('temperature', 'Temperature', shape.temperature.unwrap(), 0.05, shape.temperature.def.defaultValue, '0 picks the likeliest token every time.'),
  field('topK', 'Top-k', shape.topK.unwrap(), 1, shape.topK.def.defaultValue, 'Sample from this many likeliest tokens; 0 means all.'),
  field('topP', 'Top-p', shape.topP.unwrap(), 0.01, shape.topP.def.defaultValue, 'Sample from the smallest set reaching this probability.'),
  field('minP', 'Min-p', shape.minP.unwrap(), 0.01, shape.minP.def.defaultValue, 'Drop tokens less likely than this share of the likeliest; 0 is off.'),
  field('repeatPenalty', 'Repeat penalty', shape.repeatPenalty.unwrap(), 0.05, shape.repeatPenalty.def.defaultValue, 'Lowers the odds of recently used tokens; 1 is off.'),
  field('seed', 'Seed', shape.seed.unwrap(), 1, null, 'Blank picks a random seed; the trace records it for replay.'),
  field('maxTokens', 'Max tokens', shape.maxTokens.unwrap(), 1, shape.maxTokens.def.defaultValue, 'The run stops after this many output tokens.'),
];

export type ParamDraft = Record<NumericParam, string>;

/** Every field blank: the core applies its defaults, and the seed is chosen at random. */
export const EMPTY_PARAMS: ParamDraft = { temperature: '', topK: '', topP: '', minP: '', repeatPenalty: '', seed: '', maxTokens: '' };
