import type { PromptContent, PromptContentInput, PromptMessage, PromptVersion } from '../../../shared/methods/prompts';

/** The editor's form: text fields as typed, turned into contract content on save or preview. */
export interface PromptDraft {
  system: string;
  messages: PromptMessage[];
  temperature: string;
  maxTokens: string;
  model: string;
  outputSchema: string;
  commitMessage: string;
}

export const EMPTY_DRAFT: PromptDraft = {
  system: '',
  messages: [{ role: 'user', content: '' }],
  temperature: '',
  maxTokens: '',
  model: '',
  outputSchema: '',
  commitMessage: '',
};

export function draftFromVersion(v: PromptVersion): PromptDraft {
  const c: PromptContent = v.content;
  return {
    system: c.system,
    messages: c.messages.map((m) => ({ ...m })),
    temperature: c.params.temperature === undefined ? '' : String(c.params.temperature),
    maxTokens: c.params.maxTokens === undefined ? '' : String(c.params.maxTokens),
    model: c.model ?? '',
    outputSchema: c.outputSchema ? JSON.stringify(c.outputSchema, null, 2) : '',
    commitMessage: '',
  };
}

/**
 * The content the draft stands for. Only the JSON schema is parsed here (so
 * the editor can point at it); every other check is the core's.
 */
export function draftContent(d: PromptDraft, base?: PromptContent): { content: PromptContentInput } | { schemaError: string } {
  let outputSchema: Record<string, unknown> | null = null;
  if (d.outputSchema.trim() !== '') {
    try {
      outputSchema = JSON.parse(d.outputSchema) as Record<string, unknown>;
    } catch (error) {
      return { schemaError: `The output schema is not valid JSON: ${(error as Error).message}` };
    }
  }
  // Parameters the editor does not show are carried over from the version it started from.
  const params: Record<string, unknown> = { ...(base?.params ?? {}) };
  delete params.temperature;
  delete params.maxTokens;
  if (d.temperature.trim() !== '') params.temperature = Number(d.temperature);
  if (d.maxTokens.trim() !== '') params.maxTokens = Number(d.maxTokens);
  return {
    content: {
      system: d.system,
      messages: d.messages,
      params,
      outputSchema,
      model: d.model.trim() === '' ? null : d.model.trim(),
    },
  };
}
