import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AdapterVersion } from '../../../../shared/methods/adapters';
import { printJson, printTable, shortHash } from '../output';
import { terminalProgress } from '../progressBar';
import { authenticateCli, callAs, withWorkspace } from '../session';

function adapterJson(a: AdapterVersion) {
  return {
    name: a.name,
    version: a.version,
    sha256: a.sha256,
    base: `${a.base.name}@${a.base.version}`,
    baseSha256: a.base.sha256,
    rank: a.rank,
    alpha: a.alpha,
    targets: a.targets,
    sizeBytes: a.sizeBytes,
  };
}

/** `triad models import-adapter` and `triad models adapters`: LoRA adapters bound to model versions. */
export function registerModelAdapters(models: Command): void {
  models
    .command('import-adapter')
    .description('register a GGUF LoRA adapter as the next version of NAME, bound to a base model version')
    .argument('<file>', 'path to a .gguf LoRA adapter')
    .requiredOption('--base <ref>', 'the base model: NAME, NAME@VERSION, NAME@LABEL or sha256:HEX')
    .requiredOption('--name <name>', 'adapter name')
    .option('--notes <text>', 'notes for this version')
    .option('--link', 'keep the file where it is instead of copying it into the store')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { base: string; name: string; notes?: string; link?: boolean; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const bar = terminalProgress();
        let r;
        try {
          r = await callAs(
            session,
            user,
            'adapters.import',
            {
              path: resolve(file),
              base: opts.base,
              name: opts.name,
              link: opts.link ?? false,
              jobId: randomUUID().replaceAll('-', ''),
              ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
            },
            bar.onEvent,
          );
        } finally {
          bar.done();
        }
        if (opts.json) return printJson({ ...adapterJson(r.adapter), duplicate: r.duplicate });
        const a = r.adapter;
        process.stdout.write(
          r.duplicate
            ? `Already registered: these bytes are ${a.name}@${a.version} for ${a.base.name}@${a.base.version}. Nothing was added.\n`
            : `Imported adapter ${a.name}@${a.version}  sha256 ${a.sha256}\n  LoRA rank ${a.rank} on ${a.targets.join(', ')} · bound to ${a.base.name}@${a.base.version} (sha256 ${shortHash(a.base.sha256)})\n` +
                `  apply it with: triad run --model ${a.base.name}@${a.base.version} --lora ${a.name}@${a.version} --prompt …\n`,
        );
      });
    });

  models
    .command('adapters')
    .description('list LoRA adapters (all, or the versions of one name)')
    .argument('[name]', 'adapter name')
    .option('--model <ref>', 'only adapters bound to this model version')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: { model?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const list = await callAs(session, user, 'adapters.list', { ...(name !== undefined ? { name } : {}), ...(opts.model !== undefined ? { model: opts.model } : {}) });
        if (opts.json) return printJson(list.map(adapterJson));
        if (list.length === 0) return void process.stdout.write('No LoRA adapters yet. Import one with `triad models import-adapter FILE --base MODEL@VERSION --name NAME`.\n');
        printTable(
          ['ADAPTER', 'SHA256', 'BASE', 'RANK', 'TARGETS', 'CREATED BY', 'CREATED'],
          list.map((a) => [
            `${a.name}@${a.version}`,
            shortHash(a.sha256),
            `${a.base.name}@${a.base.version}`,
            String(a.rank),
            a.targets.join(','),
            a.createdBy,
            a.createdAt.slice(0, 10),
          ]),
        );
      });
    });
}
