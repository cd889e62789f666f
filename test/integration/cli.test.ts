import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADAPTER_SENTENCE, DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { runTriad } from '../helpers/cli';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// The `triad` command as a user runs it: a child process on a temporary home.
describe('triad CLI', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let as: Record<string, string>;
  beforeAll(async () => {
    temp = makeTempHome();
    as = { TRIAD_HOME: temp.home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
    const demo = await runTriad(['demo'], as);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Administrator created: admin');
    expect(demo.stdout).toContain('Registered demo-assistant@2');
    expect(demo.stdout).toContain('Registered demo-concise@1');
  });
  afterAll(() => temp.cleanup());

  it('lists its commands in --help', async () => {
    const help = await runTriad(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'demo', 'serve', 'run', 'traces', 'models', 'whoami']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('runs a prompt and prints the exact answer', async () => {
    const res = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt', 'Hello'], as);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${DEMO_SENTENCES[1]}\n`);
    expect(res.stderr).toContain('demo-assistant@1');
  });

  it('prints the documented JSON with --json, and the trace reads back', async () => {
    const res = await runTriad(['run', '--model', 'demo-assistant@2', '--prompt', 'Hello', '--json', '--seed', '7'], as);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as Record<string, unknown> & { traceId: string; model: { sha256: string } };
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['traceId', 'output', 'model', 'usage', 'timing']));
    expect(out).toMatchObject({
      output: DEMO_SENTENCES[2],
      model: { name: 'demo-assistant', version: 2 },
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      timing: { ttftMs: expect.any(Number), totalMs: expect.any(Number), tokensPerSecond: expect.any(Number) },
    });
    expect(out.model.sha256).toMatch(/^[0-9a-f]{64}$/);

    const list = JSON.parse((await runTriad(['traces', 'list', '--json'], as)).stdout) as { id: string }[];
    expect(list[0]?.id).toBe(out.traceId);
    const shown = JSON.parse((await runTriad(['traces', 'show', out.traceId, '--json'], as)).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: out.traceId, output: DEMO_SENTENCES[2], user: 'admin', source: 'cli', params: { seed: 7 } });
  });

  it('applies the demo LoRA adapter to version 1', async () => {
    const res = await runTriad(['run', '--model', 'demo-assistant@1', '--lora', 'demo-concise', '--prompt', 'Hi', '--json'], as);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ output: DEMO_ADAPTER_SENTENCE });
    const wrongBase = await runTriad(['run', '--model', 'demo-assistant@2', '--lora', 'demo-concise', '--prompt', 'Hi'], as);
    expect(wrongBase.code).not.toBe(0);
  });

  it('reads a prompt from a file', async () => {
    const file = join(temp.home, 'prompt.txt');
    writeFileSync(file, 'Tell me about yourself.');
    const res = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt-file', file, '--json'], as);
    expect(JSON.parse(res.stdout)).toMatchObject({ output: DEMO_SENTENCES[1] });
  });

  it('fails clearly, exits non-zero and writes nothing on bad input', async () => {
    const before = JSON.parse((await runTriad(['traces', 'list', '--json'], as)).stdout) as unknown[];

    const unknown = await runTriad(['run', '--model', 'llama-cloud@9', '--prompt', 'Hi'], as);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('error [MODEL_NOT_FOUND]');
    expect(unknown.stderr).toContain('Known models: demo-assistant@1, demo-assistant@2');

    const empty = await runTriad(['run', '--model', 'demo-assistant@1', '--prompt', ''], as);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('prompt is empty');

    const wrong = await runTriad(['traces', 'list'], { ...as, TRIAD_PASSWORD: 'wrong-password' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('error [WRONG_PASSWORD]');

    const nobody = await runTriad(['traces', 'list'], { TRIAD_HOME: temp.home });
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('TRIAD_USER');

    const missing = await runTriad(['traces', 'show', 'no-such-trace'], as);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('error [TRACE_NOT_FOUND]');

    const after = JSON.parse((await runTriad(['traces', 'list', '--json'], as)).stdout) as unknown[];
    expect(after).toHaveLength(before.length);
  });

  it('creates the admin with init and refuses a second one', async () => {
    const other = makeTempHome();
    try {
      const init = await runTriad(['init', '--admin', 'ops', '--home', other.home, '--json'], { TRIAD_PASSWORD: 'ops-password-1' });
      expect(init.code).toBe(0);
      expect(JSON.parse(init.stdout)).toMatchObject({ admin: { username: 'ops', role: 'admin' } });
      const who = await runTriad(['whoami', '--json', '--home', other.home], { TRIAD_USER: 'ops', TRIAD_PASSWORD: 'ops-password-1' });
      expect(JSON.parse(who.stdout)).toMatchObject({ username: 'ops', role: 'admin' });
      const again = await runTriad(['init', '--admin', 'eve', '--home', other.home], { TRIAD_PASSWORD: 'eve-password-1' });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already has an administrator');
      const weak = await runTriad(['init', '--admin', 'x1', '--home', makeTempHome().home], { TRIAD_PASSWORD: 'short' });
      expect(weak.code).not.toBe(0);
      expect(weak.stderr).toContain('at least 8 characters');
    } finally {
      other.cleanup();
    }
  });

  it('lets two processes use one home at the same time', async () => {
    const runs = await Promise.all(
      [1, 2, 1, 2].map((v) => runTriad(['run', '--model', `demo-assistant@${v}`, '--prompt', `parallel ${v}`, '--json'], as)),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const ids = runs.map((r) => (JSON.parse(r.stdout) as { traceId: string }).traceId);
    const list = JSON.parse((await runTriad(['traces', 'list', '--json', '--limit', '1000'], as)).stdout) as { id: string; status: string }[];
    for (const id of ids) expect(list.find((t) => t.id === id)?.status).toBe('ok');
  });
});
