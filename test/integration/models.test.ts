import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../electron/core/governance/audit';
import { writeDemoModel } from '../../electron/core/models/demoModels';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';
import { makeTempHome } from '../helpers/tempHome';

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
  });
});
