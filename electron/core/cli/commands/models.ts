import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { MethodOutput } from '../../../../shared/contract';
import { TriadError } from '../../../../shared/errors';
import { MODEL_STAGES, RISK_TIERS, type ModelStage } from '../../../../shared/methods/models';
import { printJson, printTable, shortHash } from '../output';
import { registerModelAdapters } from './modelAdapters';
import { terminalProgress } from '../progressBar';
import { authenticateCli, callAs, withWorkspace, type CliSession } from '../session';
import type { User } from '../../../../shared/domain';

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function stageArg(value: string): ModelStage {
  if (!(MODEL_STAGES as readonly string[]).includes(value)) throw new InvalidArgumentError(`Use one of: ${MODEL_STAGES.join(', ')}.`);
  return value as ModelStage;
}

/** Runs `body` as the CLI user; Ctrl-C cancels the job `jobId` instead of leaving half-written files. */
async function asUser<T>(cmd: Command, body: (session: CliSession, user: User) => Promise<T>): Promise<T> {
  return withWorkspace(cmd, async (session) => body(session, await authenticateCli(session.ws)));
}

function cancelOnInterrupt(session: CliSession, user: User, jobId: string): () => void {
  const onSigint = (): void => {
    process.stderr.write('\nCancelling…\n');
    void callAs(session, user, 'models.cancelJob', { jobId });
  };
  process.once('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

function printShow(d: MethodOutput<'models.show'>): void {
  const out: string[] = [`Model     ${d.name}`];
  out.push(`Resolves  ${d.resolves ? `${d.name} → @${d.resolves.version} (${d.resolves.via})` : '—'}`);
  out.push(`Labels    ${d.labels.length ? d.labels.map((l) => `${l.label} → @${l.version}`).join(', ') : '—'}`);
  out.push('');
  process.stdout.write(`${out.join('\n')}\n`);
  printTable(
    ['VERSION', 'STAGE', 'LABELS', 'SHA256', 'ARCH', 'QUANT', 'PARAMS', 'SIZE', 'CREATED BY'],
    d.versions.map((v) => [
      String(v.version),
      v.stage,
      v.labels.join(',') || '—',
      shortHash(v.sha256),
      v.architecture,
      v.metadata?.quantization ?? '—',
      String(v.parameterCount ?? '—'),
      kib(v.sizeBytes),
      v.createdBy,
    ]),
  );
  const adapters = d.versions.flatMap((v) => v.adapters ?? []);
  if (adapters.length) {
    process.stdout.write('\nLoRA adapters\n');
    printTable(
      ['ADAPTER', 'BASE', 'SHA256', 'RANK', 'TARGETS'],
      adapters.map((a) => [`${a.name}@${a.version}`, `@${a.base.version}`, shortHash(a.sha256), String(a.rank), a.targets.join(',')]),
    );
  }
  if (d.labelHistory.length) {
    process.stdout.write('\nLabel history (newest first)\n');
    printTable(
      ['AT', 'LABEL', 'MOVE', 'BY', 'WHY'],
      d.labelHistory.map((e) => [e.at.replace('T', ' ').slice(0, 19), e.label, `${e.kind} @${e.fromVersion ?? '—'} → @${e.toVersion}`, e.actor, e.reason]),
    );
  }
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('the model registry: import, versions, approvals, labels, integrity');
  registerModelAdapters(models);

  models
    .command('list')
    .description('list models and their versions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const list = await callAs(session, user, 'models.list', {});
        if (opts.json) return printJson(list);
        if (list.length === 0) return void process.stdout.write('No models yet. Import one with `triad models import FILE --name NAME`, or run `triad demo`.\n');
        printTable(
          ['MODEL', 'SHA256', 'ARCH', 'SIZE', 'CONTEXT', 'STAGE', 'LABELS', 'CREATED'],
          list.flatMap((m) =>
            m.versions.map((v) => [
              `${m.name}@${v.version}`,
              shortHash(v.sha256),
              v.architecture,
              kib(v.sizeBytes),
              String(v.contextLength ?? '—'),
              v.stage,
              m.labels.filter((l) => l.version === v.version).map((l) => l.label).join(',') || '—',
              v.createdAt.slice(0, 10),
            ]),
          ),
        );
      });
    });

  models
    .command('show')
    .description('one model: versions, metadata, stages, labels and label history')
    .argument('<name>', 'model name')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const detail = await callAs(session, user, 'models.show', { name });
        if (opts.json) printJson(detail);
        else printShow(detail);
      });
    });

  models
    .command('import')
    .description('register a GGUF file as the next version of a model (copied into the store unless --link)')
    .argument('<file>', 'path to a .gguf file')
    .requiredOption('--name <name>', 'model name')
    .option('--notes <text>', 'notes for this version')
    .option('--link', 'keep the file where it is instead of copying it into the store')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { name: string; notes?: string; link?: boolean; json?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const jobId = randomUUID().replaceAll('-', '');
        const bar = terminalProgress();
        const release = cancelOnInterrupt(session, user, jobId);
        let r: MethodOutput<'models.import'>;
        try {
          r = await callAs(
            session,
            user,
            'models.import',
            { path: resolve(file), name: opts.name, link: opts.link ?? false, jobId, ...(opts.notes !== undefined ? { notes: opts.notes } : {}) },
            bar.onEvent,
          );
        } finally {
          bar.done();
          release();
        }
        if (opts.json) {
          return printJson({
            name: r.version.name,
            version: r.version.version,
            sha256: r.version.sha256,
            architecture: r.metadata.architecture,
            parameters: r.metadata.parameterCount,
            quantization: r.metadata.quantization,
            contextLength: r.metadata.contextLength,
            sizeBytes: r.version.sizeBytes,
            duplicate: r.duplicate,
          });
        }
        const ref = `${r.version.name}@${r.version.version}`;
        process.stdout.write(
          r.duplicate
            ? `Already registered: these bytes are ${ref} (sha256 ${r.version.sha256}). Nothing was added.\n`
            : `Imported ${ref}  sha256 ${r.version.sha256}\n` +
                `  ${r.metadata.architecture} · ${r.metadata.parameterCount ?? '?'} parameters · ${r.metadata.quantization} · context ${r.metadata.contextLength} · ${kib(r.version.sizeBytes)}\n` +
                `  estimated memory at full context: ${kib(r.metadata.memory.totalBytes)}; stage: draft\n` +
                (r.sameBytesAs.length ? `  same bytes as: ${r.sameBytesAs.join(', ')}\n` : ''),
        );
      });
    });

  const stageCommand = (name: string, description: string, fixed?: ModelStage) => {
    const c = models.command(name).description(description).argument('<ref>', 'model version: NAME@VERSION');
    if (!fixed) c.argument('<stage>', MODEL_STAGES.join('|'), stageArg);
    c.requiredOption('--reason <text>', 'why (recorded)').option('--json', 'print JSON');
    c.action(async (ref: string, ...rest: unknown[]) => {
      const stage = fixed ?? (rest[0] as ModelStage);
      const opts = rest[fixed ? 0 : 1] as { reason: string; json?: boolean };
      const cmd = rest[fixed ? 1 : 2] as Command;
      await asUser(cmd, async (session, user) => {
        const v = await callAs(session, user, 'models.setStage', { ref, stage, reason: opts.reason });
        if (opts.json) printJson(v);
        else process.stdout.write(`${v.name}@${v.version} is now ${v.stage}.\n`);
      });
    });
  };
  stageCommand('approve', 'approve a candidate version (you may not approve a version you imported)', 'approved');
  stageCommand('stage', 'move a version to another lifecycle stage (draft → candidate → approved → retired)');

  models
    .command('label')
    .description('point a label (e.g. production, staging) at a version')
    .argument('<ref>', 'model version: NAME@VERSION')
    .argument('<label>', 'label name')
    .requiredOption('--reason <text>', 'why (recorded in the label history)')
    .option('--json', 'print JSON')
    .action(async (ref: string, label: string, opts: { reason: string; json?: boolean }, cmd: Command) => {
      const m = /^(.+)@(\d+)$/.exec(ref);
      if (!m) throw new InvalidArgumentError(`"${ref}" is not NAME@VERSION.`);
      await asUser(cmd, async (session, user) => {
        const e = await callAs(session, user, 'models.setLabel', { name: m[1]!, version: Number(m[2]), label, reason: opts.reason });
        if (opts.json) printJson(e);
        else process.stdout.write(`${m[1]}@${e.label}: @${e.fromVersion ?? '—'} → @${e.toVersion}\n`);
      });
    });

  models
    .command('rollback')
    .description('move a label back to the version it pointed at before')
    .argument('<name>', 'model name')
    .argument('<label>', 'label name, e.g. production')
    .requiredOption('--reason <text>', 'why (recorded in the label history)')
    .option('--json', 'print JSON')
    .action(async (name: string, label: string, opts: { reason: string; json?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const e = await callAs(session, user, 'models.rollback', { name, label, reason: opts.reason });
        if (opts.json) printJson(e);
        else process.stdout.write(`Rolled back ${name}@${e.label}: @${e.fromVersion ?? '—'} → @${e.toVersion}\n`);
      });
    });

  models
    .command('verify')
    .description('re-hash model files and compare them with their registered sha256 (all versions when no ref)')
    .argument('[ref]', 'model reference')
    .option('--json', 'print JSON')
    .action(async (ref: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const jobId = randomUUID().replaceAll('-', '');
        const bar = terminalProgress();
        const release = cancelOnInterrupt(session, user, jobId);
        let results: MethodOutput<'models.verify'>;
        try {
          results = await callAs(session, user, 'models.verify', { jobId, ...(ref !== undefined ? { ref } : {}) }, bar.onEvent);
        } finally {
          bar.done();
          release();
        }
        if (opts.json) printJson(results);
        else for (const r of results) process.stdout.write(`${r.ok ? 'ok      ' : 'FAILED  '}${r.message}\n`);
        // A failed check is an outcome scripts must notice: a non-zero exit through the error path.
        const failed = results.filter((r) => !r.ok);
        if (failed.length) {
          throw new TriadError(
            'MODEL_INVALID',
            `${failed.length} of ${results.length} model file${results.length === 1 ? '' : 's'} failed verification (recorded as incidents).`,
            'Restore the original files, or import the changed ones as new versions.',
          );
        }
      });
    });

  models
    .command('card')
    .description("show a version's model card, or change it with the options")
    .argument('<ref>', 'model version')
    .option('--intended-use <text>', 'what the model is for')
    .option('--limitations <text>', 'what it must not be used for, known weaknesses')
    .option('--owner <text>', 'the accountable owner')
    .option('--risk-tier <tier>', RISK_TIERS.join('|'))
    .option('--evidence <item...>', 'evaluation evidence (eval run ids, report paths); replaces the list')
    .option('--json', 'print JSON')
    .action(
      async (
        ref: string,
        opts: { intendedUse?: string; limitations?: string; owner?: string; riskTier?: string; evidence?: string[]; json?: boolean },
        cmd: Command,
      ) => {
        await asUser(cmd, async (session, user) => {
          const v = await callAs(session, user, 'models.get', { ref });
          const detail = await callAs(session, user, 'models.show', { name: v.name });
          let card = detail.versions.find((x) => x.id === v.id)!.card;
          const changing = [opts.intendedUse, opts.limitations, opts.owner, opts.riskTier, opts.evidence].some((x) => x !== undefined);
          if (changing) {
            card = await callAs(session, user, 'models.setCard', {
              ref: `${v.name}@${v.version}`,
              card: {
                intendedUse: opts.intendedUse ?? card.intendedUse,
                limitations: opts.limitations ?? card.limitations,
                owner: opts.owner ?? card.owner,
                riskTier: (opts.riskTier ?? card.riskTier) as (typeof RISK_TIERS)[number],
                evaluationEvidence: opts.evidence ?? card.evaluationEvidence,
              },
            });
          }
          if (opts.json) return printJson(card);
          process.stdout.write(
            [
              `Model card  ${v.name}@${v.version}`,
              `Owner       ${card.owner || '—'}`,
              `Risk tier   ${card.riskTier}`,
              `Intended    ${card.intendedUse || '—'}`,
              `Limits      ${card.limitations || '—'}`,
              `Evidence    ${card.evaluationEvidence.join(', ') || '—'}`,
              `Updated     ${card.updatedAt ? `${card.updatedAt} by ${card.updatedBy}` : 'never'}`,
            ].join('\n') + '\n',
          );
        });
      },
    );
}
