import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/core/api/dispatch';
import { actorOf } from '../../electron/core/governance/users';
import { startHttpServer, type RunningServer } from '../../electron/core/server/httpServer';
import { SETTING_DEFINITIONS } from '../../electron/core/settings/definitions';
import { SettingsService } from '../../electron/core/settings/settingsService';
import { openWorkspace } from '../../electron/core/workspace';
import type { RunResult } from '../../shared/domain';
import { SETTING_KEYS, type SettingInfo } from '../../shared/methods/settings';
import { runTriad } from '../helpers/cli';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { post } from '../helpers/httpClient';
import { registerRandomModel } from '../helpers/randomModelFixture';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

const ENV_VARS = SETTING_DEFINITIONS.map((d) => d.envVar);

// Workspace settings on real SQLite: env > stored > default, validation that
// changes nothing, exact audit events, admin-only over HTTP, and a stored
// value that really changes how the runtime behaves.
describe('workspace settings', () => {
  let fx: DemoFixture;
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // The machine running the tests must not override what is being tested.
    for (const v of ENV_VARS) {
      savedEnv[v] = process.env[v];
      delete process.env[v];
    }
    fx = await openDemoFixture();
    await registerRandomModel(fx.ws);
  });
  afterAll(async () => {
    await fx.close();
    for (const v of ENV_VARS) if (savedEnv[v] === undefined) delete process.env[v];
    else process.env[v] = savedEnv[v];
  });

  const call = (method: string, input: unknown) =>
    fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli' });
  const list = async () => (await call('settings.list', {})) as SettingInfo[];
  const settingsAudit = () => fx.ws.audit.query({ action: 'settings.', limit: 100, offset: 0 }).events;

  it('has a definition for every key, and lists defaults before anything is stored', async () => {
    expect(SETTING_DEFINITIONS.map((d) => d.key)).toEqual([...SETTING_KEYS]);
    const byKey = Object.fromEntries((await list()).map((s) => [s.key, s]));
    expect(byKey['runtime.gpu']).toMatchObject({ value: 'auto', default: 'auto', source: 'default', stored: null, envVar: 'TRIAD_GPU' });
    expect(byKey['runtime.runQueue']).toMatchObject({ value: 16, source: 'default' });
    expect(byKey['runtime.contextSize']).toMatchObject({ value: 4096, source: 'default' });
    expect(byKey['runtime.threads']!.description.length).toBeGreaterThan(10);
  });

  it('refuses an unknown key or an invalid value with the valid values, and changes nothing', async () => {
    await expect(call('settings.set', { key: 'runtime.turbo', value: 1 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('runtime.gpu, runtime.threads'),
    });
    await expect(call('settings.set', { key: 'runtime.gpu', value: 'tpu' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('auto, cpu, cuda, vulkan, metal'),
    });
    await expect(call('settings.set', { key: 'runtime.threads', value: 65 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('1..64') });
    await expect(call('settings.set', { key: 'runtime.modelMemoryMb', value: '100' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(call('settings.set', { key: 'runtime.contextSize', value: 1.5 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await list()).every((s) => s.source === 'default')).toBe(true);
    expect(settingsAudit()).toEqual([]);
  });

  it('stores a value (text or number), takes it over the default, and records exactly one audit event per change', async () => {
    const set = (await call('settings.set', { key: 'runtime.contextSize', value: '8192' })) as SettingInfo;
    expect(set).toMatchObject({ value: 8192, source: 'stored', stored: 8192, updatedBy: 'admin' });
    await call('settings.set', { key: 'runtime.contextSize', value: 8192 }); // the same value: no change, no event
    await call('settings.set', { key: 'runtime.threads', value: 'AUTO' });
    await call('settings.set', { key: 'runtime.threads', value: 2 });
    const events = settingsAudit().map((e) => ({ actor: e.actor, actorRole: e.actorRole, source: e.source, action: e.action, target: e.target, before: e.before, after: e.after }));
    expect(events.reverse()).toEqual([
      { actor: 'admin', actorRole: 'admin', source: 'cli', action: 'settings.set', target: 'runtime.contextSize', before: { value: 4096, source: 'default' }, after: { value: 8192, source: 'stored' } },
      { actor: 'admin', actorRole: 'admin', source: 'cli', action: 'settings.set', target: 'runtime.threads', before: { value: 'auto', source: 'default' }, after: { value: 'auto', source: 'stored' } },
      { actor: 'admin', actorRole: 'admin', source: 'cli', action: 'settings.set', target: 'runtime.threads', before: { value: 'auto', source: 'stored' }, after: { value: 2, source: 'stored' } },
    ]);
  });

  it('lets an environment variable win over the stored value, and refuses to store an overridden key', async () => {
    const withEnv = new SettingsService(fx.ws.db, fx.ws.clock, fx.ws.audit, { TRIAD_CONTEXT_SIZE: '2048', TRIAD_GPU: 'false', TRIAD_RUN_QUEUE: 'lots' });
    const byKey = Object.fromEntries(withEnv.list().map((s) => [s.key, s]));
    expect(byKey['runtime.contextSize']).toMatchObject({ value: 2048, source: 'env', stored: 8192 });
    expect(byKey['runtime.gpu']).toMatchObject({ value: 'cpu', source: 'env' });
    // An invalid environment value is ignored, as it always was.
    expect(byKey['runtime.runQueue']).toMatchObject({ value: 16, source: 'default' });
    expect(() => withEnv.set('runtime.contextSize', 1024, actorOf(fx.admin), 'cli')).toThrow(/overridden by TRIAD_CONTEXT_SIZE=2048/);
    expect(fx.ws.settings.get('runtime.contextSize')).toMatchObject({ value: 8192, source: 'stored' });
    expect(settingsAudit()).toHaveLength(3);
  });

  it('applies a stored runQueue to the running workspace at once, and to one opened later: a second waiting run gets BUSY', async () => {
    await call('settings.set', { key: 'runtime.runQueue', value: 1 });
    const busy = async (ws: typeof fx.ws, tag: string) => {
      const req = (streamId: string) => ({ user: fx.admin, source: 'cli' as const, model: 'noise', prompt: 'x', params: { maxTokens: 4000 }, streamId });
      const first = ws.runs.run(req(`${tag}-1`));
      const second = ws.runs.run(req(`${tag}-2`));
      await new Promise((r) => setTimeout(r, 200));
      await expect(ws.runs.run(req(`${tag}-3`))).rejects.toMatchObject({ code: 'BUSY' });
      ws.runs.cancel(`${tag}-1`, fx.admin);
      ws.runs.cancel(`${tag}-2`, fx.admin);
      const results: RunResult[] = await Promise.all([first, second]);
      expect(results.map((r) => r.finishReason)).toEqual(['abort', 'abort']);
    };
    await busy(fx.ws, 'live');
    const reopened = openWorkspace({ home: fx.home });
    try {
      expect(reopened.settings.get('runtime.runQueue')).toMatchObject({ value: 1, source: 'stored' });
      await busy(reopened, 'reopened');
    } finally {
      await reopened.close();
    }
    // Back to a roomy queue: three runs are accepted.
    await call('settings.set', { key: 'runtime.runQueue', value: 16 });
    const ok = await Promise.all([1, 2, 3].map(() => call('runs.create', { model: 'demo-assistant@1', prompt: 'Hi', params: { maxTokens: 2 } })));
    expect(ok).toHaveLength(3);
  });
});

describe('settings over HTTP and the CLI', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let server: RunningServer;
  let ws: ReturnType<typeof openWorkspace>;
  const home = () => ({ TRIAD_HOME: temp.home, TRIAD_TOKEN: undefined, ...Object.fromEntries(ENV_VARS.map((v) => [v, undefined])) });
  const asAdmin = () => ({ ...home(), TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });

  beforeAll(async () => {
    temp = makeTempHome();
    const init = await runTriad(['init', '--admin', ADMIN.username], asAdmin());
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    await ws?.close();
    temp.cleanup();
  });

  it('sets and lists with --json; a bad value exits non-zero with the valid values', async () => {
    const set = await runTriad(['settings', 'set', 'runtime.modelMemoryMb', '2048', '--json'], asAdmin());
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ key: 'runtime.modelMemoryMb', value: 2048, source: 'stored' });
    const plain = await runTriad(['settings', 'set', 'runtime.runQueue', '4'], asAdmin());
    expect(plain.stdout).toContain('runtime.runQueue = 4 (stored). Applies at once.');
    const bad = await runTriad(['settings', 'set', 'runtime.gpu', 'tpu'], asAdmin());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('error [BAD_INPUT]');
    expect(bad.stderr).toContain('auto, cpu, cuda, vulkan, metal');
    const listed = JSON.parse((await runTriad(['settings', 'list', '--json'], asAdmin())).stdout) as SettingInfo[];
    expect(listed.map((s) => [s.key, s.value, s.source])).toEqual([
      ['runtime.gpu', 'auto', 'default'],
      ['runtime.threads', 'auto', 'default'],
      ['runtime.modelMemoryMb', 2048, 'stored'],
      ['runtime.contextSize', 4096, 'default'],
      ['runtime.runQueue', 4, 'stored'],
    ]);
    const overridden = await runTriad(['settings', 'list'], { ...asAdmin(), TRIAD_RUN_QUEUE: '8' });
    expect(overridden.stdout).toMatch(/^runtime\.runQueue\s+8\s+16\s+overridden by TRIAD_RUN_QUEUE/m);
    const refused = await runTriad(['settings', 'set', 'runtime.runQueue', '2'], { ...asAdmin(), TRIAD_RUN_QUEUE: '8' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('overridden by TRIAD_RUN_QUEUE=8');
  });

  it('lets a non-admin read the settings but answers 403 to a change, changing nothing', async () => {
    ws = openWorkspace({ home: temp.home });
    const admin = ws.users.list().find((u) => u.username === ADMIN.username)!;
    await ws.users.create({ username: 'erin', password: 'engine-room-7', role: 'engineer' }, actorOf(admin), 'cli');
    server = await startHttpServer(ws, new Dispatcher(ws), { port: 0 });
    const login = await post(server.url, 'auth.login', { username: 'erin', password: 'engine-room-7' });
    const token = (login.result as { token: string }).token;
    expect((await post(server.url, 'settings.list', {}, token)).status).toBe(200);
    const denied = await post(server.url, 'settings.set', { key: 'runtime.runQueue', value: 2 }, token);
    expect(denied.status).toBe(403);
    expect(denied.error?.code).toBe('FORBIDDEN');
    expect(ws.settings.get('runtime.runQueue')).toMatchObject({ value: 4, source: 'stored' });
    expect(ws.audit.query({ action: 'settings.', limit: 10, offset: 0 }).events.map((e) => e.source)).toEqual(['cli', 'cli']);
  });
});
