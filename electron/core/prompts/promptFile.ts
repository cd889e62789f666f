import { extname } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { TriadError } from '../../../shared/errors';
import {
  PromptContentSchema,
  PromptMessageSchema,
  PromptParamsSchema,
  type PromptContent,
  type PromptContentInput,
} from '../../../shared/methods/prompts';

/**
 * The YAML prompt file (documented in the README): `system`, either
 * `template` (one user message) or `messages`, `params`, `schema`, `model`,
 * and an optional commit `message`.
 */
export const PromptFileFields = z
  .object({
    system: z.string().optional(),
    template: z.string().optional(),
    messages: z.array(PromptMessageSchema).optional(),
    params: PromptParamsSchema.optional(),
    schema: z.record(z.string(), z.unknown()).nullable().optional(),
    model: z.string().nullable().optional(),
    message: z.string().optional(),
  })
  .strict();

export function oneTemplateForm(f: { template?: string | undefined; messages?: unknown }): boolean {
  return (f.template === undefined) !== (f.messages === undefined);
}
export const ONE_TEMPLATE_FORM = 'Give either `template` or `messages`, not both and not neither';

export const PromptFileSchema = PromptFileFields.refine(oneTemplateForm, ONE_TEMPLATE_FORM);
export type PromptFile = z.infer<typeof PromptFileFields>;

export function isYamlFile(path: string): boolean {
  return ['.yaml', '.yml'].includes(extname(path).toLowerCase());
}

export function parseYamlText(text: string, where: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new TriadError('BAD_INPUT', `${where} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, 'Check the indentation and quoting near that line.');
  }
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export function contentFromFile(file: PromptFile): PromptContentInput {
  return {
    system: file.system ?? '',
    messages: file.messages ?? [{ role: 'user', content: file.template ?? '' }],
    params: file.params ?? {},
    outputSchema: file.schema ?? null,
    model: file.model ?? null,
  };
}

/** Reads a prompt file: YAML by extension, anything else is the user message template itself. */
export function readPromptFile(text: string, path: string): { content: PromptContent; message: string | undefined } {
  if (!isYamlFile(path)) {
    return { content: PromptContentSchema.parse({ messages: [{ role: 'user', content: text }] }), message: undefined };
  }
  const parsed = PromptFileSchema.safeParse(parseYamlText(text, path) ?? {});
  if (!parsed.success) throw new TriadError('BAD_INPUT', `${path}: ${describeIssues(parsed.error)}.`, 'See "Prompt files" in the README for the format.');
  const content = PromptContentSchema.safeParse(contentFromFile(parsed.data));
  if (!content.success) throw new TriadError('BAD_INPUT', `${path}: ${describeIssues(content.error)}.`);
  return { content: content.data, message: parsed.data.message };
}

/** A version in the file format; a single user message is written as `template`. */
export function fileFromContent(content: PromptContent): PromptFile {
  const single = content.messages.length === 1 && content.messages[0]?.role === 'user';
  const file: PromptFile = {};
  if (content.system) file.system = content.system;
  if (single) file.template = content.messages[0]?.content ?? '';
  else file.messages = content.messages;
  if (Object.keys(content.params).length > 0) file.params = content.params;
  if (content.outputSchema) file.schema = content.outputSchema;
  if (content.model) file.model = content.model;
  return file;
}

/** YAML without line folding, so one source line is one line in a diff. */
export function toYaml(value: unknown): string {
  return stringifyYaml(value, { lineWidth: 0 });
}
