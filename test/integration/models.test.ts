import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../electron/core/governance/audit';
import { writeDemoModel } from '../../electron/core/models/demoModels';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { runTriad } from '../helpers/cli';
import { ADMIN, makeTempHome } from '../helpers/tempHome';

describe('model registration and integrity', () => {
  let fx: DemoFixture;
  let scratch: { home: string; cleanup(): void };
  beforeAll(async () => {
    fx = await openDemoFixture();
    scratch = makeTempHome('triad-files-');
  });
  afterAll(async () => {
    await fx.close();
    scratch.cleanup();
  });

  const importFile = (file: string, name: string) => fx.ws.models.import({ file, name, actor: SYSTEM_ACTOR, source: 'system' });

  it('registers the demo model in two versions whose hashes match sha256sum', () => {
    const [demo] = fx.ws.models.list();
    expect(demo?.name).toBe('demo-assistant');
    expect(demo?.versions.map((v) => v.version)).toEqual([1, 2]);
    for (const v of demo!.versions) {
      const stored = fx.ws.models.resolve(`demo-assistant@${v.version}`);
      const sum = execFileSync('sha256sum', [stored.path]).toString().split(' ')[0];
      expect(v.sha256).toBe(sum);
      expect(v.architecture).toBe('llama');
    }
  });

  it('recognises the same bytes imported twice', async () => {
    const file = join(scratch.home, 'again.gguf');
    await writeDemoModel(1, file);
    const res = await importFile(file, 'demo-assistant');
    expect(res.duplicate).toBe(true);
    expect(res.version.version).toBe(1);
    expect(fx.ws.models.list()[0]?.versions).toHaveLength(2);
  });

  it('refuses a file that is not GGUF and registers nothing', async () => {
    const file = join(scratch.home, 'notes.gguf');
    writeFileSync(file, 'this is a text file, not a model\n'.repeat(100));
    await expect(importFile(file, 'junk')).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(fx.ws.models.list().map((m) => m.name)).toEqual(['demo-assistant']);
  });

  it('refuses a truncated GGUF and registers nothing', async () => {
    const file = join(scratch.home, 'cut.gguf');
    await writeDemoModel(2, file);
    truncateSync(file, 20_000);
    await expect(importFile(file, 'cut')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('truncated') });
    expect(fx.ws.models.list().map((m) => m.name)).toEqual(['demo-assistant']);
    expect(readdirSync(fx.ws.paths.modelStore).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('refuses to run a model whose file was modified after registration', async () => {
    const file = join(scratch.home, 'victim.gguf');
    await writeDemoModel(1, file);
    const { version } = await fx.ws.models.import({ file, name: 'victim', link: true, actor: SYSTEM_ACTOR, source: 'system' });
    appendFileSync(file, Buffer.alloc(64));
    const before = fx.ws.traces.count();
    await expect(
      fx.dispatcher.invoke({
        method: 'runs.create',
        input: { model: `victim@${version.version}`, prompt: 'Hello' },
        credentials: { kind: 'user', user: fx.admin },
        source: 'cli',
      }),
    ).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('modified') });
    expect(fx.ws.traces.count()).toBe(before);
    expect(existsSync(file)).toBe(true);
    // The refusal is an incident on the record, not just an error on screen.
    const incident = fx.ws.audit.recent(10).find((e) => e.action === 'model.integrity_failed');
    expect(incident?.target).toBe(`model:victim@${version.version}`);
  });

  it('verify re-hashes every file, passes a touched-but-identical one and reports a tampered one', async () => {
    const file = join(scratch.home, 'touched.gguf');
    await writeDemoModel(2, file);
    await fx.ws.models.import({ file, name: 'touched', link: true, actor: SYSTEM_ACTOR, source: 'system' });
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const call = (input: Record<string, unknown>) =>
      fx.dispatcher.invoke({ method: 'models.verify', input, credentials: { kind: 'user', user: fx.admin }, source: 'cli' }) as Promise<
        { ref: string; ok: boolean; message: string }[]
      >;
    expect(await call({ ref: 'touched' })).toMatchObject([{ ref: 'touched@1', ok: true }]);
    // Same bytes, new mtime: the cheap check now passes again without a re-hash.
    expect(Math.round(statSync(file).mtimeMs)).toBe(fx.ws.models.resolve('touched@1').fileMtimeMs);

    const all = await call({});
    expect(all.find((r) => r.ref === 'victim@1')).toMatchObject({ ok: false, message: expect.stringContaining('modified') });
    expect(all.filter((r) => r.ref.startsWith('demo-assistant')).every((r) => r.ok)).toBe(true);

    const cli = await runTriad(['models', 'verify', '--home', fx.home], { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/FAILED\s+The file of victim@1 was modified/);
    expect(cli.stdout).toMatch(/ok\s+demo-assistant@1 matches/);
  });

  it('refuses a store file that was overwritten with other bytes of the same size', async () => {
    const stored = fx.ws.models.resolve('demo-assistant@1');
    const bytes = readFileSync(stored.path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(stored.path, bytes);
    await expect(fx.ws.runs.run({ user: fx.admin, source: 'cli', model: 'demo-assistant@1', prompt: 'Hi', params: {} })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(stored.path, bytes);
    const ok = await fx.ws.runs.run({ user: fx.admin, source: 'cli', model: 'demo-assistant@1', prompt: 'Hi', params: {} });
    expect(ok.model.version).toBe(1);
  });
});
