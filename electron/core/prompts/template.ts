import Mustache, { type TemplateSpans } from 'mustache';
import { TriadError } from '../../../shared/errors';

/** The variables a template uses: `required` ones are printed; section names may be left out (false). */
export interface TemplateVariables {
  required: string[];
  optional: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Parses a template with Mustache and keeps it logic-less and predictable:
 * no partials, no delimiter changes, simple variable names, and no stray
 * `}}`. Throws BAD_INPUT naming where the template is wrong.
 */
export function parseTemplate(template: string, where: string): TemplateSpans {
  let spans: TemplateSpans;
  try {
    spans = Mustache.parse(template);
  } catch (err) {
    const message = (err as Error).message;
    const at = /at (\d+)/.exec(message);
    const line = at ? ` (line ${lineOf(template, Number(at[1]))})` : '';
    throw new TriadError(
      'BAD_INPUT',
      `${where}: ${message.replace(/ at \d+$/, '')}${line}.`,
      'Every {{ needs a matching }}, and every {{#section}} a {{/section}}.',
    );
  }
  checkSpans(spans, template, where);
  return spans;
}

function checkSpans(spans: TemplateSpans, template: string, where: string): void {
  for (const span of spans) {
    const [type, value, start] = span;
    if (type === 'text') {
      const stray = value.indexOf('}}');
      if (stray !== -1) {
        throw new TriadError(
          'BAD_INPUT',
          `${where}: unbalanced braces: "}}" without an opening "{{" (line ${lineOf(template, start + stray)}).`,
          'Remove the stray braces or open the variable with {{.',
        );
      }
      continue;
    }
    if (type === '>' || type === '=') {
      throw new TriadError(
        'BAD_INPUT',
        `${where}: ${type === '>' ? 'partials ({{> name}})' : 'delimiter changes ({{= =}})'} are not supported (line ${lineOf(template, start)}).`,
        'Use plain {{variables}} and {{#sections}}.',
      );
    }
    if (type !== '!' && !NAME.test(value)) {
      throw new TriadError(
        'BAD_INPUT',
        `${where}: "{{${value}}}" is not a valid variable name (line ${lineOf(template, start)}).`,
        'Variable names use letters, digits and underscores and do not start with a digit, e.g. {{customer_name}}.',
      );
    }
    const children = span[4];
    if (Array.isArray(children)) checkSpans(children, template, where);
  }
}

/** Collects variable names; a name both printed and used as a section counts as required. */
export function templateVariables(spans: TemplateSpans, into: TemplateVariables = { required: [], optional: [] }): TemplateVariables {
  for (const span of spans) {
    const [type, value] = span;
    if (type === 'name' || type === '&') {
      if (!into.required.includes(value)) into.required.push(value);
      into.optional = into.optional.filter((v) => v !== value);
    } else if ((type === '#' || type === '^') && !into.required.includes(value) && !into.optional.includes(value)) {
      into.optional.push(value);
    }
    const children = span[4];
    if (Array.isArray(children)) templateVariables(children, into);
  }
  return into;
}

/** Renders without HTML escaping: prompts are plain text, not markup. */
export function renderTemplate(template: string, view: Record<string, string | boolean>): string {
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
}
