import type { PromptContent, RenderedMessage } from '../../../shared/methods/prompts';
import { TriadError } from '../../../shared/errors';
import { parseTemplate, renderTemplate, templateVariables, type TemplateVariables } from './template';

interface Part {
  role: RenderedMessage['role'];
  template: string;
  where: string;
}

function parts(content: PromptContent): Part[] {
  const list: Part[] = content.system ? [{ role: 'system', template: content.system, where: 'System prompt' }] : [];
  content.messages.forEach((m, i) => list.push({ role: m.role, template: m.content, where: `Message ${i + 1} (${m.role})` }));
  return list;
}

/** Checks every template of a version and lists the variables it uses. Throws on bad syntax. */
export function contentVariables(content: PromptContent): TemplateVariables {
  const vars: TemplateVariables = { required: [], optional: [] };
  for (const part of parts(content)) templateVariables(parseTemplate(part.template, part.where), vars);
  return vars;
}

export function allVariables(vars: TemplateVariables): string[] {
  return [...vars.required, ...vars.optional];
}

export interface Rendered {
  messages: RenderedMessage[];
  variables: string[];
  warnings: string[];
  missing: string[];
}

/**
 * Renders the system prompt and message templates. In `strict` mode (runs,
 * `render`) a missing variable is an error; in `preview` mode (the editor) it
 * stays visible as {{name}} so the author sees what still needs a value.
 */
export function renderContent(content: PromptContent, vars: Record<string, string>, mode: 'strict' | 'preview'): Rendered {
  const used = contentVariables(content);
  const missing = used.required.filter((name) => !Object.prototype.hasOwnProperty.call(vars, name));
  if (mode === 'strict' && missing.length > 0) {
    throw new TriadError(
      'BAD_INPUT',
      `Missing ${missing.length === 1 ? 'variable' : 'variables'}: ${missing.join(', ')}.`,
      `Give every variable a value, e.g. --var ${missing[0]}=… (this prompt uses: ${allVariables(used).join(', ')}).`,
    );
  }
  const names = allVariables(used);
  const warnings = Object.keys(vars)
    .filter((name) => !names.includes(name))
    .map((name) => `Variable "${name}" is not used by this prompt.`);
  const view: Record<string, string | boolean> = {};
  for (const name of used.optional) view[name] = false;
  for (const [name, value] of Object.entries(vars)) view[name] = value;
  for (const name of missing) view[name] = `{{${name}}}`;
  return {
    messages: parts(content).map((part) => ({ role: part.role, content: renderTemplate(part.template, view) })),
    variables: names,
    warnings,
    missing,
  };
}
