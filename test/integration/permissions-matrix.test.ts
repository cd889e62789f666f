import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/core/api/dispatch';
import { startHttpServer, type RunningServer } from '../../electron/core/server/httpServer';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { METHOD_NAMES, methods } from '../../shared/contract';
import { ROLES, roleMayCall, type Role } from '../../shared/permissions';
import { post } from '../helpers/httpClient';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// The permission matrix, checked for every method in the contract table and
// every role over the real HTTP transport: 403 exactly where the role lacks the
// method's permission. The input is deliberately not an object, so no schema
// accepts it: a 400 proves the permission check let the call through without
// anything running, and the check must come before validation to give a 403.
const PROBE = 'permission-matrix-probe';

describe('permission matrix over HTTP', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let ws: Workspace;
  let server: RunningServer;
  const sessions = {} as Record<Role, string>;
  const apiTokens = {} as Record<Role, string>;

  beforeAll(async () => {
    temp = makeTempHome();
    ws = openWorkspace({ home: temp.home });
    const admin = await ws.users.createFirstAdmin(ADMIN.username, ADMIN.password, 'cli');
    server = await startHttpServer(ws, new Dispatcher(ws), { port: 0 });
    for (const role of ROLES) {
      const username = role === 'admin' ? ADMIN.username : `${role}-user`;
      const password = role === 'admin' ? ADMIN.password : `${role}-pass-123`;
      if (role !== 'admin') await ws.users.create({ username, password, role }, { id: admin.id, username: 'admin', role: 'admin' }, 'cli');
      const login = await post(server.url, 'auth.login', { username, password });
      expect(login.status, JSON.stringify(login.error)).toBe(200);
      sessions[role] = (login.result as { token: string }).token;
      const created = await post(server.url, 'tokens.create', { name: 'matrix' }, sessions[role]);
      apiTokens[role] = (created.result as { token: string }).token;
    }
  });
  afterAll(async () => {
    await server.close();
    await ws.close();
    temp.cleanup();
  });

  it('uses a probe that no method accepts, so nothing in the matrix runs', () => {
    for (const name of METHOD_NAMES) expect(methods[name].input.safeParse(PROBE).success, `${name} accepts the probe`).toBe(false);
  });

  for (const [label, credentials] of [
    ['session', sessions],
    ['API token', apiTokens],
  ] as const) {
    it(`answers 403 exactly when the role lacks the permission (${label})`, async () => {
      const mismatches: string[] = [];
      for (const name of METHOD_NAMES) {
        const access = methods[name].access;
        for (const role of ROLES) {
          const res = await post(server.url, name, PROBE, credentials[role]);
          const expected = access === 'public' || roleMayCall(role, access) ? 400 : 403;
          if (res.status !== expected) mismatches.push(`${name} as ${role}: ${res.status} ${res.error?.code ?? ''} (expected ${expected})`);
          if (expected === 403 && res.error?.code !== 'FORBIDDEN') mismatches.push(`${name} as ${role}: code ${res.error?.code}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('answers 401 to every non-public method without credentials, and to every method with a forged or revoked one', async () => {
    const revoked = (await post(server.url, 'tokens.create', { name: 'soon-revoked' }, sessions.admin)).result as { token: string };
    expect((await post(server.url, 'tokens.revoke', { token: 'soon-revoked' }, sessions.admin)).status).toBe(200);
    for (const name of METHOD_NAMES) {
      for (const token of [undefined, 'forged-session', 'triad_forged', revoked.token]) {
        // Public methods need no credentials, but a bad one is still refused rather than ignored.
        const expected = methods[name].access === 'public' && token === undefined ? 400 : 401;
        expect((await post(server.url, name, PROBE, token)).status, `${name} with ${token ?? 'nothing'}`).toBe(expected);
      }
    }
  });

  it('records calls made with an API token under the source "api"', async () => {
    const res = await post(server.url, 'users.create', { username: 'via-api', role: 'analyst', password: 'api-made-123' }, apiTokens.admin);
    expect(res.status).toBe(200);
    const { events } = ws.audit.query({ action: 'user.create', target: 'via-api', limit: 10, offset: 0 });
    expect(events).toMatchObject([{ actor: 'admin', actorRole: 'admin', source: 'api' }]);
  });
});
