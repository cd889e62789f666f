import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { runTriad } from '../helpers/cli';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// The `triad prompts` commands as a user types them, in a child process on a temp home.
describe('triad prompts', () => {
  const { home, cleanup } = makeTempHome();
  const env = { TRIAD_HOME: home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
  const triad = (...args: string[]) => runTriad(args, env);
  const file = (name: string, text: string) => {
    const path = join(home, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    expect((await triad('demo')).code).toBe(0);
  }, 120_000);
  afterAll(cleanup);

  it('creates from YAML, versions from plain text, lists, diffs and renders', async () => {
    const yaml = file('greet.yaml', 'system: You help {{team}}.\ntemplate: |\n  Hello {{name}}, how can we help?\nparams:\n  temperature: 0.2\nmessage: first draft\n');
    const created = await triad('prompts', 'create', 'greet', '--file', yaml, '--json');
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({ version: { name: 'greet', version: 1, commitMessage: 'first draft', variables: ['team', 'name'] } });

    const text = file('greet.txt', 'Hello {{name}}, how may we help today?\n');
    const v2 = await triad('prompts', 'version', 'greet', '--file', text, '-m', 'plain text');
    expect(v2.stdout).toMatch(/Created greet@2/);
    const again = await triad('prompts', 'version', 'greet', '--file', text, '-m', 'same again');
    expect(again.stdout).toMatch(/No change: greet@2 already has this content/);

    const list = JSON.parse((await triad('prompts', 'list', '--json')).stdout) as { name: string; versions: number }[];
    expect(list).toEqual([expect.objectContaining({ name: 'greet', versions: 2, latestVersion: 2 })]);

    const diff = await triad('prompts', 'diff', 'greet@1', 'greet@2');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('--- greet@1');
    expect(diff.stdout).toContain('-system: You help {{team}}.');
    const words = await triad('prompts', 'diff', 'greet@1', 'greet@2', '--words');
    expect(words.stdout).toContain('[-can-]');
    expect(words.stdout).toContain('{+may+}');

    const render = await triad('prompts', 'render', 'greet@1', '--var', 'team=Ops', '--var', 'name=Ada', '--var', 'x=1');
    expect(render.stdout).toContain('You help Ops.');
    expect(render.stdout).toContain('Hello Ada, how can we help?');
    expect(render.stderr).toContain('warning: Variable "x" is not used');
  }, 120_000);

  it('fails clearly and creates nothing on bad input', async () => {
    const bad = file('bad.txt', 'Hello {{name');
    const res = await triad('prompts', 'create', 'bad', '--file', bad);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/^error \[BAD_INPUT\]: Message 1 \(user\): Unclosed tag/);
    const missing = await triad('prompts', 'render', 'greet@1', '--var', 'team=Ops');
    expect(missing.stderr).toContain('error [BAD_INPUT]: Missing variable: name.');
    const label = await triad('prompts', 'label', 'greet@7', 'staging');
    expect(label.code).not.toBe(0);
    expect(label.stderr).toContain('error [NOT_FOUND]');
    const list = JSON.parse((await triad('prompts', 'list', '--json')).stdout) as { name: string; labels: unknown[] }[];
    expect(list.map((p) => p.name)).toEqual(['greet']);
    expect(list[0]?.labels).toEqual([]);
  }, 120_000);

  it('labels, rolls back and shows the history', async () => {
    expect((await triad('prompts', 'label', 'greet@1', 'staging')).code).toBe(0);
    expect((await triad('prompts', 'label', 'greet@2', 'staging')).code).toBe(0);
    const back = await triad('prompts', 'rollback', 'greet', 'staging', '--json');
    expect(JSON.parse(back.stdout)).toMatchObject({ label: 'staging', version: 1 });
    const show = await triad('prompts', 'show', 'greet');
    expect(show.stdout).toMatch(/staging\s+2 → 1\s+rollback\s+admin/);
    const one = JSON.parse((await triad('prompts', 'show', 'greet@staging', '--json')).stdout) as { version: number };
    expect(one.version).toBe(1);
  }, 120_000);

  it('runs by reference and records the prompt version on the trace', async () => {
    const run = await triad('run', '--prompt-ref', 'greet@staging', '--var', 'team=Ops', '--var', 'name=Ada', '--model', 'demo-assistant@1', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { traceId: string; output: string };
    expect(result.output).toBe(DEMO_SENTENCES[1]);
    const trace = JSON.parse((await triad('traces', 'show', result.traceId, '--json')).stdout) as { input: string; prompt: { name: string; version: number } };
    expect(trace.input).toBe('Hello Ada, how can we help?\n');
    expect(trace.prompt).toMatchObject({ name: 'greet', version: 1 });
    const missing = await triad('run', '--prompt-ref', 'greet@staging', '--model', 'demo-assistant@1');
    expect(missing.stderr).toContain('error [BAD_INPUT]: Missing variables: team, name.');
  }, 120_000);
});
