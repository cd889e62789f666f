import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../e2e/servedApp';
import { runTriad } from '../helpers/cli';
import { post } from '../helpers/httpClient';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

// `triad users`, `triad tokens` and `triad whoami` as a user runs them: real
// child processes on a temporary home.
describe('triad users, tokens and whoami', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let home: Record<string, string | undefined>;
  let asAdmin: Record<string, string | undefined>;

  beforeAll(async () => {
    temp = makeTempHome();
    home = { TRIAD_HOME: temp.home, TRIAD_TOKEN: undefined, TRIAD_NEW_PASSWORD: undefined };
    asAdmin = { ...home, TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };
    const init = await runTriad(['init', '--admin', ADMIN.username], asAdmin);
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(() => temp.cleanup());

  it('adds a user with the password from TRIAD_NEW_PASSWORD, and lists it', async () => {
    const add = await runTriad(['users', 'add', 'erin', '--role', 'engineer', '--json'], { ...asAdmin, TRIAD_NEW_PASSWORD: 'engine-room-7' });
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'erin', role: 'engineer', disabled: false, createdBy: 'admin' });
    const list = await runTriad(['users', 'list'], asAdmin);
    expect(list.stdout).toMatch(/^erin\s+engineer\s+active/m);
  });

  it('refuses a role that does not exist, exits non-zero and adds nobody', async () => {
    const bad = await runTriad(['users', 'add', 'olga', '--role', 'overlord'], { ...asAdmin, TRIAD_NEW_PASSWORD: 'engine-room-7' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('error [BAD_INPUT]');
    expect(bad.stderr).toContain('admin, engineer, analyst, reviewer');
    const list = JSON.parse((await runTriad(['users', 'list', '--json'], asAdmin)).stdout) as { username: string }[];
    expect(list.map((u) => u.username)).toEqual(['admin', 'erin']);
  });

  it('changes a role; a user without the permission is refused with a non-zero exit', async () => {
    const role = await runTriad(['users', 'role', 'erin', 'analyst', '--json'], asAdmin);
    expect(JSON.parse(role.stdout)).toMatchObject({ username: 'erin', role: 'analyst' });
    const erin = { ...home, TRIAD_USER: 'erin', TRIAD_PASSWORD: 'engine-room-7' };
    const denied = await runTriad(['users', 'role', 'admin', 'analyst'], erin);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('error [FORBIDDEN]: The analyst role may not do this');
  });

  it('creates a token that is printed once, works as TRIAD_TOKEN, is listed without its secret and stops when revoked', async () => {
    const created = await runTriad(['tokens', 'create', '--name', 'nightly', '--json'], asAdmin);
    expect(created.code, created.stderr).toBe(0);
    const { token, info } = JSON.parse(created.stdout) as { token: string; info: { id: string; name: string } };
    expect(token).toMatch(/^triad_/);
    expect(info.name).toBe('nightly');

    const who = await runTriad(['whoami', '--json'], { ...home, TRIAD_TOKEN: token });
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ username: 'admin', role: 'admin', authenticatedBy: 'token', permissions: expect.arrayContaining(['users.manage']) });

    const list = await runTriad(['tokens', 'list', '--json'], { ...home, TRIAD_TOKEN: token });
    expect(list.stdout).not.toContain(token);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: info.id, name: 'nightly', revokedAt: null, lastUsedAt: expect.any(String) }]);

    const plain = await runTriad(['tokens', 'create', '--name', 'plain'], asAdmin);
    expect(plain.stdout).toMatch(/^triad_[A-Za-z0-9_-]+\n$/);
    expect(plain.stderr).toContain('shown only this once');

    expect((await runTriad(['tokens', 'revoke', 'nightly'], asAdmin)).stdout).toContain('Revoked token "nightly"');
    const after = await runTriad(['whoami'], { ...home, TRIAD_TOKEN: token });
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain('error [UNAUTHENTICATED]: This API token has been revoked.');

    const db = readFileSync(join(temp.home, 'triad.db'));
    expect(db.includes(Buffer.from(token))).toBe(false);
  });

  it('prints who the CLI acts as, and how', async () => {
    const who = await runTriad(['whoami', '--json'], asAdmin);
    expect(JSON.parse(who.stdout)).toMatchObject({ username: 'admin', role: 'admin', authenticatedBy: 'password' });
    const nobody = await runTriad(['whoami'], home);
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('TRIAD_TOKEN');
  });

  it('changes passwords: your own with the current one, another user\'s as an admin', async () => {
    const own = await runTriad(['users', 'passwd'], { ...asAdmin, TRIAD_NEW_PASSWORD: 'correct-horse-2' });
    expect(own.code, own.stderr).toBe(0);
    const admin2 = { ...asAdmin, TRIAD_PASSWORD: 'correct-horse-2' };
    expect((await runTriad(['whoami'], asAdmin)).stderr).toContain('WRONG_PASSWORD');

    const reset = await runTriad(['users', 'passwd', 'erin', '--json'], { ...admin2, TRIAD_NEW_PASSWORD: 'fresh-start-77' });
    expect(reset.code, reset.stderr).toBe(0);
    const erin = await runTriad(['whoami', '--json'], { ...home, TRIAD_USER: 'erin', TRIAD_PASSWORD: 'fresh-start-77' });
    expect(JSON.parse(erin.stdout)).toMatchObject({ username: 'erin', role: 'analyst' });

    const weak = await runTriad(['users', 'passwd', 'erin'], { ...admin2, TRIAD_NEW_PASSWORD: 'short' });
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain('8 characters');
  });

  it('disables a user, who can then do nothing, and enables them again', async () => {
    const admin2 = { ...asAdmin, TRIAD_PASSWORD: 'correct-horse-2' };
    const erin = { ...home, TRIAD_USER: 'erin', TRIAD_PASSWORD: 'fresh-start-77' };
    expect((await runTriad(['users', 'disable', 'erin'], admin2)).stdout).toContain('Disabled: erin (analyst, disabled)');
    const refused = await runTriad(['whoami'], erin);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('error [FORBIDDEN]: The account "erin" is disabled.');
    expect((await runTriad(['users', 'enable', 'erin'], admin2)).code).toBe(0);
    expect((await runTriad(['whoami'], erin)).code).toBe(0);
  });

  it('lets an admin list everyone\'s tokens and revoke another user\'s by id; others may not', async () => {
    const admin2 = { ...asAdmin, TRIAD_PASSWORD: 'correct-horse-2' };
    const erin = { ...home, TRIAD_USER: 'erin', TRIAD_PASSWORD: 'fresh-start-77' };
    const made = await runTriad(['tokens', 'create', '--name', 'erin-ci', '--json'], erin);
    expect(made.code, made.stderr).toBe(0);
    const { token, info } = JSON.parse(made.stdout) as { token: string; info: { id: string } };

    const all = JSON.parse((await runTriad(['tokens', 'list', '--all', '--json'], admin2)).stdout) as { id: string; username: string }[];
    expect(all).toContainEqual(expect.objectContaining({ id: info.id, username: 'erin', name: 'erin-ci', revokedAt: null }));
    expect(all.some((t) => t.username === 'admin')).toBe(true);
    expect((await runTriad(['tokens', 'list', '--all'], admin2)).stdout).toMatch(new RegExp(`^${info.id}\\s+erin\\s+erin-ci\\s+active`, 'm'));
    const erinsOnly = JSON.parse((await runTriad(['tokens', 'list', '--user', 'erin', '--json'], admin2)).stdout) as { username: string }[];
    expect(erinsOnly.map((t) => t.username)).toEqual(['erin']);

    const denied = await runTriad(['tokens', 'list', '--all'], erin);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('error [FORBIDDEN]');
    const adminsToken = all.find((t) => t.username === 'admin' && t.id !== info.id)!;
    const notHers = await runTriad(['tokens', 'revoke', adminsToken.id], erin);
    expect(notHers.code).not.toBe(0);
    expect(notHers.stderr).toContain('error [NOT_FOUND]');

    const revoked = await runTriad(['tokens', 'revoke', info.id], admin2);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`Revoked token "erin-ci" of erin (${info.id}).\n`);
    const after = await runTriad(['whoami'], { ...home, TRIAD_TOKEN: token });
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain('This API token has been revoked.');
  });

  it('serves a launch link that signs in the owner of TRIAD_TOKEN, and refuses to serve with a bad one', async () => {
    const erin = { ...home, TRIAD_USER: 'erin', TRIAD_PASSWORD: 'fresh-start-77' };
    const { token } = JSON.parse((await runTriad(['tokens', 'create', '--name', 'serve-link', '--json'], erin)).stdout) as { token: string };
    const app = await serve(temp.home, { TRIAD_TOKEN: token });
    try {
      const launch = new URL(app.launchUrl).searchParams.get('launch');
      const res = await post(app.baseUrl, 'auth.useLaunchToken', { token: launch });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ valid: true, session: { user: { username: 'erin', role: 'analyst' } } });
    } finally {
      await app.stop();
    }
    const forged = await runTriad(['serve', '--port', '0'], { ...home, TRIAD_TOKEN: 'triad_forged' });
    expect(forged.code).not.toBe(0);
    expect(forged.stderr).toContain('error [UNAUTHENTICATED]: This API token is not valid.');
  });
});
