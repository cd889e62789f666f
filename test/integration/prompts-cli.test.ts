import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoWorkspace } from '../../electron/core/demo/demoWorkspace';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { openWorkspace } from '../../electron/core/workspace';
import { runTriad } from '../helpers/cli';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// The `triad prompts` commands as a user types them, in a child process on a temp home.
// Each launch costs seconds, so the home is set up in-process and every launch checks
// one command's own behaviour; state the CLI does not print is read in-process too.
describe('triad prompts', () => {
  const { home, cleanup } = makeTempHome();
  const env = { TRIAD_HOME: home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
  const triad = (...args: string[]) => runTriad(args, env);
  const file = (name: string, text: string) => {
    const path = join(home, name);
    writeFileSync(path, text);
    return path;
  };

  const inWorkspace = async <T>(read: (ws: ReturnType<typeof openWorkspace>) => T | Promise<T>): Promise<T> => {
    const ws = openWorkspace({ home });
    try {
      return await read(ws);
    } finally {
      await ws.close();
    }
  };

  beforeAll(async () => {
    await inWorkspace(async (ws) => {
      await ws.users.createFirstAdmin(ADMIN.username, ADMIN.password, 'cli');
      await ensureDemoWorkspace(ws);
    });
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
    const label = await triad('prompts', 'label', 'greet@7', 'staging');
    expect(label.code).not.toBe(0);
    expect(label.stderr).toContain('error [NOT_FOUND]');
    const list = JSON.parse((await triad('prompts', 'list', '--json')).stdout) as unknown[];
    expect(list).toEqual([expect.objectContaining({ name: 'greet', versions: 2, latestVersion: 2, labels: [] })]);
  }, 120_000);

  it('labels, rolls back and shows the history', async () => {
    expect((await triad('prompts', 'label', 'greet@1', 'staging')).code).toBe(0);
    expect((await triad('prompts', 'label', 'greet@2', 'staging')).code).toBe(0);
    const back = await triad('prompts', 'rollback', 'greet', 'staging', '--json');
    expect(JSON.parse(back.stdout)).toMatchObject({ label: 'staging', version: 1 });
    const show = await triad('prompts', 'show', 'greet');
    expect(show.stdout).toMatch(/staging\s+2 → 1\s+rollback\s+admin/);
  }, 120_000);

  it('runs by reference and records the prompt version on the trace', async () => {
    const run = await triad('run', '--prompt-ref', 'greet@staging', '--var', 'team=Ops', '--var', 'name=Ada', '--model', 'demo-assistant@1', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { traceId: string; output: string };
    expect(result.output).toBe(DEMO_SENTENCES[1]);
    const trace = await inWorkspace((ws) => ws.traces.get(result.traceId));
    expect(trace.input).toBe('Hello Ada, how can we help?\n');
    expect(trace.prompt).toMatchObject({ name: 'greet', version: 1 });
    const missing = await triad('run', '--prompt-ref', 'greet@staging', '--model', 'demo-assistant@1');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('error [BAD_INPUT]: Missing variables: team, name.');

    // Usage per version: runs, latency, flags, and a plain word on evals.
    const usage = await triad('prompts', 'usage', 'greet');
    expect(usage.code, usage.stderr).toBe(0);
    expect(usage.stdout).toMatch(/FLAGGED/);
    expect(usage.stdout).toMatch(/^1\s+\S+\s+1\s+0\s+.*\s0\s/m);
    expect(usage.stdout).toContain('Eval pass rate: no evals yet.');
  }, 120_000);
});
