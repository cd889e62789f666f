import { describe, expect, it } from 'vitest';
import { parsePromptRef } from '../../electron/core/prompts/promptRef';
import { readPromptFile } from '../../electron/core/prompts/promptFile';
import { promptHash } from '../../electron/core/prompts/promptHash';
import { renderContent } from '../../electron/core/prompts/renderContent';
import { PromptContentSchema } from '../../shared/methods/prompts';

const content = (user: string, system = '') => PromptContentSchema.parse({ system, messages: [{ role: 'user', content: user }] });

describe('prompt templates', () => {
  it('lists variables, treating section names as optional', () => {
    const r = renderContent(content('Hi {{name}}.{{#formal}} Regards.{{/formal}}'), { name: 'Ada' }, 'strict');
    expect(r.variables).toEqual(['name', 'formal']);
    expect(r.messages).toEqual([{ role: 'user', content: 'Hi Ada.' }]);
    expect(renderContent(content('{{#formal}}Dear {{name}}{{/formal}}'), { name: 'Ada', formal: 'yes' }, 'strict').messages[0]?.content).toBe('Dear Ada');
  });

  it('keeps missing variables visible in a preview and refuses them in a render', () => {
    expect(renderContent(content('Hi {{name}}'), {}, 'preview')).toMatchObject({ missing: ['name'], messages: [{ content: 'Hi {{name}}' }] });
    expect(() => renderContent(content('Hi {{name}}'), {}, 'strict')).toThrow('Missing variable: name.');
  });

  it('refuses unbalanced braces, partials and odd names with the line', () => {
    expect(() => renderContent(content('a\nb {{name'), {}, 'preview')).toThrow(/Unclosed tag.*line 2/);
    expect(() => renderContent(content('a }} b'), {}, 'preview')).toThrow(/unbalanced braces/);
    expect(() => renderContent(content('{{> other}}'), {}, 'preview')).toThrow(/partials/);
    expect(() => renderContent(content('{{first name}}'), {}, 'preview')).toThrow(/not a valid variable name/);
    expect(() => renderContent(content('ok', 'sys {{x'), {}, 'preview')).toThrow(/^System prompt/);
  });

  it('hashes content canonically', () => {
    const a = PromptContentSchema.parse({ messages: [{ role: 'user', content: 'x' }], params: { temperature: 0.1, maxTokens: 5 } });
    const b = PromptContentSchema.parse({ params: { maxTokens: 5, temperature: 0.1 }, messages: [{ content: 'x', role: 'user' }] });
    expect(promptHash(a)).toBe(promptHash(b));
    expect(promptHash(a)).not.toBe(promptHash(content('x ')));
  });

  it('parses references and prompt files', () => {
    expect(parsePromptRef('greet')).toEqual({ kind: 'latest', name: 'greet' });
    expect(parsePromptRef('greet@3')).toEqual({ kind: 'version', name: 'greet', version: 3 });
    expect(parsePromptRef('greet@production')).toEqual({ kind: 'label', name: 'greet', label: 'production' });
    expect(readPromptFile('Hello {{x}}', 'p.txt').content.messages).toEqual([{ role: 'user', content: 'Hello {{x}}' }]);
    const y = readPromptFile('system: S\nmessages:\n  - role: user\n    content: U\nparams: {temperature: 0.3}\nmodel: m@1\nmessage: why\n', 'p.yaml');
    expect(y).toMatchObject({ message: 'why', content: { system: 'S', params: { temperature: 0.3 }, model: 'm@1' } });
    expect(() => readPromptFile('sytem: S\ntemplate: T\n', 'p.yml')).toThrow(/sytem/);
    expect(() => readPromptFile('template: T\nmessages: []\n', 'p.yml')).toThrow(/either `template` or `messages`/);
  });
});
