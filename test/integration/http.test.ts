import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/core/api/dispatch';
import { ensureDemoWorkspace } from '../../electron/core/demo/demoWorkspace';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { startHttpServer, type RunningServer } from '../../electron/core/server/httpServer';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { collectEvents, post } from '../helpers/httpClient';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// Real HTTP on 127.0.0.1 against a real workspace and real llama.cpp.
describe('HTTP transport (triad serve)', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let ws: Workspace;
  let server: RunningServer;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    temp = makeTempHome();
    ws = openWorkspace({ home: temp.home });
    await ensureDemoWorkspace(ws);
    server = await startHttpServer(ws, new Dispatcher(ws), { port: 0 });
    base = server.url;
  });
  afterAll(async () => {
    await server.close();
    await ws.close();
    temp.cleanup();
  });

  it('listens on loopback only', () => {
    const address = server.app.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('creates the first admin only with the one-time launch token', async () => {
    expect((await post(base, 'setup.status', {})).result).toMatchObject({ needsAdmin: true });
    const without = await post(base, 'setup.createAdmin', ADMIN);
    expect(without.status).toBe(403);
    expect(without.error?.message).toContain('one-time link');

    const token = ws.sessions.createLaunchToken(null);
    const created = await post(base, 'setup.createAdmin', { ...ADMIN, launchToken: token });
    expect(created.status).toBe(200);
    adminToken = (created.result as { token: string }).token;
    expect((await post(base, 'setup.status', {})).result).toMatchObject({ needsAdmin: false });

    const again = await post(base, 'setup.createAdmin', { username: 'mallory', password: 'longenough1', launchToken: token });
    expect(again.status).toBe(403);
    expect(ws.users.count()).toBe(1);
  });

  it('signs in with a password and refuses a wrong one with 401', async () => {
    const bad = await post(base, 'auth.login', { username: 'admin', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.error?.code).toBe('WRONG_PASSWORD');
    const good = await post(base, 'auth.login', ADMIN);
    expect(good.status).toBe(200);
    expect(good.result).toMatchObject({ user: { username: 'admin', role: 'admin' } });
  });

  it('needs a session for everything but the public methods', async () => {
    const anon = await post(base, 'models.list', {});
    expect(anon.status).toBe(401);
    const forged = await post(base, 'models.list', {}, 'not-a-real-token');
    expect(forged.status).toBe(401);
    const ok = await post(base, 'models.list', {}, adminToken);
    expect(ok.status).toBe(200);
  });

  it('checks the role in the core: a reviewer may read traces but not run models', async () => {
    await ws.users.create({ username: 'rita', password: 'reviewer-pass-1', role: 'reviewer' }, { id: null, username: 'admin', role: 'admin' }, 'cli');
    const session = (await post(base, 'auth.login', { username: 'rita', password: 'reviewer-pass-1' })).result as { token: string };
    const run = await post(base, 'runs.create', { model: 'demo-assistant@1', prompt: 'Hello' }, session.token);
    expect(run.status).toBe(403);
    expect(run.error?.code).toBe('FORBIDDEN');
    expect((await post(base, 'traces.list', {}, session.token)).status).toBe(200);
  });

  it('rejects bad input with 400, unknown methods with 404', async () => {
    const bad = await post(base, 'runs.create', { model: 'demo-assistant@1', prompt: '' }, adminToken);
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toContain('prompt is empty');
    expect((await post(base, 'models.delete_everything', {}, adminToken)).status).toBe(404);
  });

  it('streams tokens on the event stream and returns the recorded run', async () => {
    const controller = new AbortController();
    const events: Record<string, unknown>[] = [];
    const stream = collectEvents(base, adminToken, controller.signal, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 100));
    const res = await post(base, 'runs.create', { model: 'demo-assistant@2', prompt: 'Hi', streamId: 'http-stream-1' }, adminToken);
    expect(res.status).toBe(200);
    const result = res.result as { output: string; traceId: string };
    expect(result.output).toBe(DEMO_SENTENCES[2]);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await stream;
    const tokens = events.filter((e) => e.type === 'run.token' && e.streamId === 'http-stream-1').map((e) => e.text as string);
    expect(tokens.join('')).toBe(DEMO_SENTENCES[2]);
    expect(events.find((e) => e.type === 'run.finished')).toMatchObject({ traceId: result.traceId, finishReason: 'stop' });
    const traces = (await post(base, 'traces.list', {}, adminToken)).result as { id: string }[];
    expect(traces[0]?.id).toBe(result.traceId);
  });

  it('refuses requests addressed to a non-loopback host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}api/setup.status`, { method: 'POST', headers: { host: 'evil.example:80', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
    const cross = await post(base, 'setup.status', {}, undefined, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('sends a strict content security policy', async () => {
    const res = await fetch(base);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('exchanges a user-bound launch token for a session exactly once', async () => {
    const admin = ws.users.findByName('admin')!;
    const token = ws.sessions.createLaunchToken(admin.id);
    const first = await post(base, 'auth.useLaunchToken', { token });
    expect(first.result).toMatchObject({ valid: true, session: { user: { username: 'admin' } } });
    const second = await post(base, 'auth.useLaunchToken', { token });
    expect(second.result).toMatchObject({ valid: false, session: null });
  });
});
