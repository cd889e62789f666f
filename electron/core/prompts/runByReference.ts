import type { RunParams, TracePrompt } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { PromptRegistry } from './promptRegistry';
import { renderContent } from './renderContent';

export interface PromptRunInput {
  promptRef: string;
  vars: Record<string, string>;
  model?: string | undefined;
  prompt?: string | undefined;
  params: Partial<RunParams>;
}

export interface PromptRun {
  model: string;
  prompt: string;
  /** Earlier user/assistant turns of a multi-turn template; empty for a single user message. */
  history: { role: 'user' | 'assistant'; content: string }[];
  params: Partial<RunParams>;
  link: TracePrompt;
  warnings: string[];
}

/**
 * Turns a run by reference into a plain run: the last rendered message (a user
 * message) becomes the prompt, earlier turns become the chat history, the
 * rendered system prompt becomes params.system, the prompt's
 * default parameters sit under the explicit ones, and its pinned model is used
 * when none is given. The link (version, hash, messages) goes on the trace.
 */
export function resolvePromptRun(registry: PromptRegistry, input: PromptRunInput): PromptRun {
  if (input.prompt !== undefined && input.prompt.trim() !== '') {
    throw new TriadError('BAD_INPUT', 'Give either a prompt or a prompt reference, not both.', 'The prompt reference supplies the prompt text.');
  }
  const version = registry.resolve(input.promptRef);
  const rendered = renderContent(version.content, input.vars, 'strict');
  const turns = rendered.messages.flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }]));
  const user = turns.at(-1);
  if (!user || user.role !== 'user') {
    throw new TriadError(
      'BAD_INPUT',
      `${version.name}@${version.version} ends with an assistant message; a run answers the last user message.`,
      'Add a user message template after the last assistant turn, in a new version.',
    );
  }
  const history = turns.slice(0, -1);
  if (user.content.trim() === '') {
    throw new TriadError('BAD_INPUT', `${version.name}@${version.version} renders to an empty prompt.`, 'Give the variables non-empty values.');
  }
  const model = input.model ?? version.content.model;
  if (!model) {
    throw new TriadError('BAD_INPUT', `Choose a model: ${version.name}@${version.version} does not pin one.`, 'Pass --model NAME@VERSION.');
  }
  const system = rendered.messages.find((m) => m.role === 'system')?.content;
  const defaults: Partial<RunParams> = { ...version.content.params };
  if (system) defaults.system = system;
  if (version.content.outputSchema) defaults.jsonSchema = version.content.outputSchema;
  const params: Partial<RunParams> = { ...defaults, ...input.params };
  if (history.length > 0 && params.mode === 'completion') {
    throw new TriadError(
      'BAD_INPUT',
      `${version.name}@${version.version} is a conversation of ${turns.length} messages; it runs in chat mode only.`,
      'Run it with --mode chat (or leave the mode to the prompt).',
    );
  }
  const effectiveSystem = (params.mode ?? 'chat') === 'chat' ? params.system : undefined;
  return {
    model,
    prompt: user.content,
    history,
    params,
    warnings: rendered.warnings,
    link: {
      versionId: version.id,
      name: version.name,
      version: version.version,
      hash: version.hash,
      // What the model was given: the system message only counts in chat mode.
      messages: [...(effectiveSystem ? [{ role: 'system' as const, content: effectiveSystem }] : []), ...turns],
    },
  };
}
