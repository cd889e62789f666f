import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../electron/core/governance/users';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import type { User } from '../../shared/domain';
import type { TriadErrorData } from '../../shared/errors';
import type { PromptDetail, PromptDiff, PromptSummary, PromptUsage, PromptVersion, RenderResult } from '../../shared/methods/prompts';
import type { RunResult } from '../../shared/domain';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';

// The prompt registry through the contract, on a real SQLite home with the real demo models.
describe('prompt registry', () => {
  let fx: DemoFixture;
  let engineer: User;
  let reviewer: User;
  beforeAll(async () => {
    fx = await openDemoFixture();
    engineer = await fx.ws.users.create({ username: 'erin', password: 'correct-horse-2', role: 'engineer' }, actorOf(fx.admin), 'cli');
    reviewer = await fx.ws.users.create({ username: 'rita', password: 'correct-horse-3', role: 'reviewer' }, actorOf(fx.admin), 'cli');
  });
  afterAll(async () => {
    await fx.close();
  });

  const callAs = (user: User, method: string, input: unknown) =>
    fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user }, source: 'cli' });
  const call = (method: string, input: unknown) => callAs(fx.admin, method, input);
  const failure = async (p: Promise<unknown>): Promise<TriadErrorData> => {
    try {
      await p;
    } catch (err) {
      return err as TriadErrorData;
    }
    throw new Error('expected the call to fail');
  };

  const greet = {
    system: 'You are a courteous assistant for {{team}}.',
    messages: [{ role: 'user', content: 'Greet {{customer}} and answer:\n{{question}}' }],
    params: { temperature: 0, maxTokens: 64 },
    model: 'demo-assistant@1',
  };

  it('refuses bad templates and creates nothing', async () => {
    const unbalanced = await failure(call('prompts.create', { name: 'broken', content: { messages: [{ role: 'user', content: 'Hello {{name' }] } }));
    expect(unbalanced.code).toBe('BAD_INPUT');
    expect(unbalanced.message).toMatch(/Unclosed tag/);
    const stray = await failure(call('prompts.create', { name: 'broken', content: { messages: [{ role: 'user', content: 'Hello name}} there' }] } }));
    expect(stray.message).toMatch(/unbalanced braces/);
    const section = await failure(call('prompts.create', { name: 'broken', content: { messages: [{ role: 'user', content: '{{#a}}x' }] } }));
    expect(section.code).toBe('BAD_INPUT');
    expect(await call('prompts.list', {})).toEqual([]);
  });

  it('identifies versions by content: same content, same hash, no duplicate version', async () => {
    const created = (await callAs(engineer, 'prompts.create', { name: 'greet', content: greet, commitMessage: 'first' })) as { version: PromptVersion };
    expect(created.version).toMatchObject({ name: 'greet', version: 1, createdBy: 'erin', commitMessage: 'first' });
    expect(created.version.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(created.version.variables).toEqual(['team', 'customer', 'question']);

    // Same content, other commit message and key order: the same version comes back.
    const reordered = { model: greet.model, params: { maxTokens: 64, temperature: 0 }, messages: greet.messages, system: greet.system };
    const again = (await callAs(engineer, 'prompts.addVersion', { name: 'greet', content: reordered, commitMessage: 'again' })) as {
      version: PromptVersion;
      duplicate: boolean;
    };
    expect(again.duplicate).toBe(true);
    expect(again.version.version).toBe(1);
    expect(again.version.hash).toBe(created.version.hash);

    const v2 = (await callAs(engineer, 'prompts.addVersion', {
      name: 'greet',
      content: { ...greet, messages: [{ role: 'user', content: 'Greet {{customer}} warmly and answer:\n{{question}}' }] },
      commitMessage: 'warmer',
    })) as { version: PromptVersion; duplicate: boolean };
    expect(v2).toMatchObject({ duplicate: false, version: { version: 2 } });
    expect(v2.version.hash).not.toBe(created.version.hash);

    const detail = (await call('prompts.get', { name: 'greet' })) as PromptDetail;
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    // Versions are immutable in the database itself.
    expect(() => fx.ws.db.prepare("UPDATE prompt_versions SET commit_message = 'x'").run()).toThrow(/immutable/);
    expect(() => fx.ws.db.prepare('DELETE FROM prompt_versions').run()).toThrow(/immutable/);
  });

  it('renders with variables, errs on a missing one and warns on an unused one', async () => {
    const ok = (await call('prompts.render', { ref: 'greet@1', vars: { team: 'Payments', customer: 'Ada', question: 'Why?', extra: 'x' } })) as RenderResult;
    expect(ok.messages).toEqual([
      { role: 'system', content: 'You are a courteous assistant for Payments.' },
      { role: 'user', content: 'Greet Ada and answer:\nWhy?' },
    ]);
    expect(ok.warnings).toEqual(['Variable "extra" is not used by this prompt.']);
    // No HTML escaping: prompts are text.
    const raw = (await call('prompts.render', { ref: 'greet@1', vars: { team: 'R&D <eu>', customer: '"Bo"', question: "it's" } })) as RenderResult;
    expect(raw.messages[0]?.content).toBe('You are a courteous assistant for R&D <eu>.');
    expect(raw.messages[1]?.content).toBe('Greet "Bo" and answer:\nit\'s');

    const missing = await failure(call('prompts.render', { ref: 'greet@1', vars: { team: 'Payments' } }));
    expect(missing).toMatchObject({ code: 'BAD_INPUT', message: 'Missing variables: customer, question.' });

    await callAs(engineer, 'prompts.create', { name: 'plain', content: { messages: [{ role: 'user', content: 'Say hello.' }] } });
    const plain = (await call('prompts.render', { ref: 'plain', vars: {} })) as RenderResult;
    expect(plain).toEqual({ messages: [{ role: 'user', content: 'Say hello.' }], variables: [], warnings: [] });
  });

  it('diffs two versions line by line and word by word', async () => {
    const d = (await call('prompts.diff', { from: 'greet@1', to: 'greet@2' })) as PromptDiff;
    expect(d.identical).toBe(false);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    const del = d.lines.find((l) => l.kind === 'del');
    const add = d.lines.find((l) => l.kind === 'add');
    expect(del?.text).toBe('  Greet {{customer}} and answer:');
    expect(add?.text).toBe('  Greet {{customer}} warmly and answer:');
    expect(add?.words?.filter((w) => w.kind === 'add').map((w) => w.text.trim())).toEqual(['warmly']);
    expect(del?.words?.some((w) => w.kind === 'del')).toBe(false);
    expect(d.unified).toContain('-  Greet {{customer}} and answer:');
    expect(d.unified).toContain('+  Greet {{customer}} warmly and answer:');
    const same = (await call('prompts.diff', { from: 'greet@1', to: 'greet@1' })) as PromptDiff;
    expect(same).toMatchObject({ identical: true, added: 0, removed: 0 });
  });

  it('moves labels with history; production needs someone other than the author; rollback steps back', async () => {
    const bad = await failure(call('prompts.setLabel', { name: 'greet', version: 9, label: 'staging' }));
    expect(bad.code).toBe('NOT_FOUND');
    expect(((await call('prompts.get', { name: 'greet' })) as PromptDetail).labels).toEqual([]);

    await callAs(engineer, 'prompts.setLabel', { name: 'greet', version: 1, label: 'staging' });
    // The engineer wrote version 1 and lacks the approve permission; the reviewer may approve it.
    expect((await failure(callAs(engineer, 'prompts.setLabel', { name: 'greet', version: 1, label: 'production' }))).code).toBe('FORBIDDEN');
    await callAs(reviewer, 'prompts.setLabel', { name: 'greet', version: 1, label: 'production' });
    await call('prompts.setLabel', { name: 'greet', version: 2, label: 'production' });

    // An author may not approve their own version, whatever their role.
    const own = (await call('prompts.addVersion', { name: 'greet', content: { ...greet, system: 'Be brief, {{team}}.' }, commitMessage: 'brief' })) as {
      version: PromptVersion;
    };
    const sod = await failure(call('prompts.setLabel', { name: 'greet', version: own.version.version, label: 'production' }));
    expect(sod).toMatchObject({ code: 'FORBIDDEN' });
    expect(sod.message).toMatch(/separation of duties/);

    expect(((await call('prompts.resolve', { ref: 'greet@production' })) as PromptVersion).version).toBe(2);
    const back = (await callAs(engineer, 'prompts.rollback', { name: 'greet', label: 'production' })) as { version: number };
    expect(back.version).toBe(1);
    expect(((await call('prompts.resolve', { ref: 'greet@production' })) as PromptVersion).version).toBe(1);
    const none = await failure(callAs(engineer, 'prompts.rollback', { name: 'greet', label: 'production' }));
    expect(none.code).toBe('BAD_INPUT');

    const detail = (await call('prompts.get', { name: 'greet' })) as PromptDetail;
    expect(detail.history.map((e) => [e.label, e.fromVersion, e.toVersion, e.action, e.by])).toEqual([
      ['production', 2, 1, 'rollback', 'erin'],
      ['production', 1, 2, 'set', 'admin'],
      ['production', null, 1, 'set', 'rita'],
      ['staging', null, 1, 'set', 'erin'],
    ]);
    expect(detail.labels.map((l) => [l.label, l.version, l.protected])).toEqual([
      ['production', 1, true],
      ['staging', 1, false],
    ]);
    const summary = (await call('prompts.list', {})) as PromptSummary[];
    expect(summary.find((p) => p.name === 'greet')?.labels).toEqual([
      { label: 'production', version: 1 },
      { label: 'staging', version: 1 },
    ]);
  });

  it('runs by reference and records the version, hash and rendered messages on the trace', async () => {
    const v = (await call('prompts.resolve', { ref: 'greet@production' })) as PromptVersion;
    const res = (await call('runs.create', {
      promptRef: 'greet@production',
      vars: { team: 'Payments', customer: 'Ada', question: 'Who are you?' },
    })) as RunResult;
    expect(res.output).toBe(DEMO_SENTENCES[1]);
    expect(res.model).toMatchObject({ name: 'demo-assistant', version: 1 });
    const trace = fx.ws.traces.get(res.traceId);
    expect(trace.input).toBe('Greet Ada and answer:\nWho are you?');
    expect(trace.params).toMatchObject({ temperature: 0, maxTokens: 64, system: 'You are a courteous assistant for Payments.' });
    expect(trace.prompt).toEqual({
      versionId: v.id,
      name: 'greet',
      version: 1,
      hash: v.hash,
      messages: [
        { role: 'system', content: 'You are a courteous assistant for Payments.' },
        { role: 'user', content: 'Greet Ada and answer:\nWho are you?' },
      ],
    });

    // Explicit choices win over the prompt's defaults and pinned model.
    const explicit = (await call('runs.create', {
      promptRef: 'greet@2',
      model: 'demo-assistant@2',
      vars: { team: 'T', customer: 'C', question: 'Q' },
      params: { maxTokens: 32 },
    })) as RunResult;
    expect(explicit.output).toBe(DEMO_SENTENCES[2]);
    expect(fx.ws.traces.get(explicit.traceId).params.maxTokens).toBe(32);

    const missing = await failure(call('runs.create', { promptRef: 'greet@production', vars: { team: 'x' } }));
    expect(missing.code).toBe('BAD_INPUT');
    const both = await failure(call('runs.create', { promptRef: 'greet@production', prompt: 'hi', vars: {} }));
    expect(both.message).toMatch(/either a prompt or a prompt reference/);

    const usage = (await call('prompts.usage', { name: 'greet' })) as PromptUsage[];
    expect(usage.find((u) => u.version === 1)).toMatchObject({ runs: 1, errors: 0 });
    expect(usage.find((u) => u.version === 1)?.avgTotalMs).toBeGreaterThan(0);
    expect(usage.find((u) => u.version === 2)).toMatchObject({ runs: 1 });
    expect(usage.find((u) => u.version === 3)).toMatchObject({ runs: 0, avgTotalMs: null });
  });

  it('exports YAML and imports it as new versions only, never overwriting', async () => {
    const out = (await call('prompts.export', { names: ['greet'] })) as { yaml: string; prompts: number; versions: number };
    expect(out).toMatchObject({ prompts: 1, versions: 3 });
    expect(out.yaml).toContain('format: triad.prompts/1');
    const same = (await callAs(engineer, 'prompts.import', { yaml: out.yaml })) as { created: unknown[]; unchanged: unknown[] };
    expect(same.created).toEqual([]);
    expect(same.unchanged).toHaveLength(3);

    const edited = out.yaml.replace('Be brief, {{team}}.', 'Be very brief, {{team}}.');
    const r = (await callAs(engineer, 'prompts.import', { yaml: `${edited}` })) as { created: { name: string; version: number }[] };
    expect(r.created).toEqual([expect.objectContaining({ name: 'greet', version: 4 })]);
    expect(((await call('prompts.resolve', { ref: 'greet@3' })) as PromptVersion).content.system).toBe('Be brief, {{team}}.');

    const broken = await failure(callAs(engineer, 'prompts.import', { yaml: edited.replace('Be very brief', 'Be {{oops') }));
    expect(broken.code).toBe('BAD_INPUT');
    expect(((await call('prompts.get', { name: 'greet' })) as PromptDetail).versions).toHaveLength(4);
  });
});
