import { readFile, writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import type { PromptDiff, PromptVersion } from '../../../../shared/methods/prompts';
import { parsePromptRef } from '../../prompts/promptRef';
import { readPromptFile } from '../../prompts/promptFile';
import { formatMs, printJson, printTable, shortHash } from '../output';
import { authenticateCli, callAs, withWorkspace, type CliSession } from '../session';

/** Collects repeated `--var key=value` options; the value may itself contain "=". */
export function collectVar(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`"${value}" is not key=value.`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

type Json = { json?: boolean };

async function asUser<T>(cmd: Command, body: (session: CliSession, user: Awaited<ReturnType<typeof authenticateCli>>) => Promise<T>): Promise<T> {
  return withWorkspace(cmd, async (session) => body(session, await authenticateCli(session.ws)));
}

function printVersion(v: PromptVersion): void {
  const c = v.content;
  const lines = [
    `Prompt    ${v.name}@${v.version}${v.labels.length ? `   labels: ${v.labels.join(', ')}` : ''}`,
    `Hash      ${v.hash}`,
    `Created   ${v.createdAt}   by ${v.createdBy}`,
    `Message   ${v.commitMessage || '—'}`,
    `Variables ${v.variables.join(', ') || '—'}`,
    `Params    ${Object.keys(c.params).length ? JSON.stringify(c.params) : '—'}`,
    `Model     ${c.model ?? '—'}`,
    ...(c.outputSchema ? [`Schema    ${JSON.stringify(c.outputSchema)}`] : []),
    ...(c.system ? ['', '— system —', c.system] : []),
    ...c.messages.flatMap((m, i) => ['', `— message ${i + 1} (${m.role}) —`, m.content]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A diff for a terminal: the unified patch, or with --words git-style [-removed-]{+added+} markers. */
function printDiff(d: PromptDiff, words: boolean): void {
  if (d.identical) return void process.stdout.write(`${d.from.name}@${d.from.version} and ${d.to.name}@${d.to.version} have the same content.\n`);
  if (!words) return void process.stdout.write(d.unified);
  process.stdout.write(`--- ${d.from.name}@${d.from.version}\n+++ ${d.to.name}@${d.to.version}\n`);
  for (const line of d.lines) {
    if (line.kind === 'context') process.stdout.write(`  ${line.text}\n`);
    else if (line.words && line.kind === 'add') {
      process.stdout.write(`~ ${line.words.map((w) => (w.kind === 'add' ? `{+${w.text}+}` : w.text)).join('')}\n`);
    } else if (line.words && line.kind === 'del') {
      process.stdout.write(`~ ${line.words.map((w) => (w.kind === 'del' ? `[-${w.text}-]` : w.text)).join('')}\n`);
    } else process.stdout.write(`${line.kind === 'add' ? '+' : '-'} ${line.text}\n`);
  }
}

function splitVersionRef(ref: string): { name: string; version: number } {
  const parsed = parsePromptRef(ref);
  if (parsed.kind !== 'version') throw new InvalidArgumentError(`"${ref}" must name a version number, e.g. ${parsed.name}@2.`);
  return { name: parsed.name, version: parsed.version };
}

export function registerPrompts(program: Command): void {
  const prompts = program.command('prompts').description('versioned prompt templates, labels and diffs');

  for (const kind of ['create', 'version'] as const) {
    prompts
      .command(kind)
      .description(kind === 'create' ? 'create a prompt with its first version' : 'add a version (identical content adds nothing)')
      .argument('<name>', 'prompt name')
      .requiredOption('--file <file>', 'a plain-text user message template, or a YAML prompt file (.yaml/.yml)')
      .option('-m, --message <text>', 'commit message: what changed and why')
      .option('--json', 'print JSON')
      .action(async (name: string, opts: Json & { file: string; message?: string }, cmd: Command) => {
        const text = await readFile(opts.file, 'utf8');
        const { content, message } = readPromptFile(text, opts.file);
        const commitMessage = opts.message ?? message ?? '';
        await asUser(cmd, async (session, user) => {
          const result =
            kind === 'create'
              ? { ...(await callAs(session, user, 'prompts.create', { name, content, commitMessage })), duplicate: false }
              : await callAs(session, user, 'prompts.addVersion', { name, content, commitMessage });
          if (opts.json) return printJson(result);
          const v = result.version;
          process.stdout.write(
            result.duplicate
              ? `No change: ${v.name}@${v.version} already has this content (hash ${shortHash(v.hash)}).\n`
              : `Created ${v.name}@${v.version} (hash ${shortHash(v.hash)})${v.variables.length ? `; variables: ${v.variables.join(', ')}` : ''}.\n`,
          );
        });
      });
  }

  prompts
    .command('list')
    .description('list prompts with their newest version and labels')
    .option('--json', 'print JSON')
    .action(async (opts: Json, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const list = await callAs(session, user, 'prompts.list', {});
        if (opts.json) return printJson(list);
        if (list.length === 0) return void process.stdout.write('No prompts yet. Create one: triad prompts create NAME --file prompt.yaml\n');
        printTable(
          ['PROMPT', 'LATEST', 'HASH', 'VERSIONS', 'LABELS', 'UPDATED'],
          list.map((p) => [
            p.name,
            String(p.latestVersion),
            shortHash(p.latestHash),
            String(p.versions),
            p.labels.map((l) => `${l.label}→${l.version}`).join(' ') || '—',
            p.updatedAt.slice(0, 10),
          ]),
        );
      });
    });

  prompts
    .command('show')
    .description('show a prompt (NAME: versions and labels) or one version (NAME@VERSION, NAME@LABEL)')
    .argument('<ref>', 'NAME or NAME@REF')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: Json, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        if (ref.includes('@')) {
          const v = await callAs(session, user, 'prompts.resolve', { ref });
          return opts.json ? printJson(v) : printVersion(v);
        }
        const detail = await callAs(session, user, 'prompts.get', { name: ref });
        if (opts.json) return printJson(detail);
        printTable(
          ['VERSION', 'HASH', 'LABELS', 'AUTHOR', 'CREATED', 'MESSAGE'],
          detail.versions.map((v) => [String(v.version), shortHash(v.hash), v.labels.join(' ') || '—', v.createdBy, v.createdAt.slice(0, 19).replace('T', ' '), v.commitMessage]),
        );
        if (detail.history.length) {
          process.stdout.write('\nLabel history (newest first)\n');
          printTable(
            ['LABEL', 'MOVE', 'ACTION', 'BY', 'AT'],
            detail.history.map((e) => [e.label, `${e.fromVersion ?? '—'} → ${e.toVersion}`, e.action, e.by, e.at.slice(0, 19).replace('T', ' ')]),
          );
        }
      });
    });

  prompts
    .command('diff')
    .description('differences between two versions, e.g. triad prompts diff greet@1 greet@2')
    .argument('<from>', 'NAME@REF')
    .argument('<to>', 'NAME@REF')
    .option('--words', 'mark changes word by word ([-removed-]{+added+})')
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, opts: Json & { words?: boolean }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const d = await callAs(session, user, 'prompts.diff', { from, to });
        if (opts.json) return printJson(d);
        printDiff(d, opts.words === true);
      });
    });

  prompts
    .command('label')
    .description('point a label at a version; production needs an approver other than the version author')
    .argument('<ref>', 'NAME@VERSION')
    .argument('<label>', 'production, staging or a custom label')
    .option('--json', 'print JSON')
    .action(async (ref: string, label: string, opts: Json, cmd: Command) => {
      const { name, version } = splitVersionRef(ref);
      await asUser(cmd, async (session, user) => {
        const l = await callAs(session, user, 'prompts.setLabel', { name, version, label });
        if (opts.json) return printJson(l);
        process.stdout.write(`${name}#${l.label} → version ${l.version}${l.protected ? ' (protected)' : ''}.\n`);
      });
    });

  prompts
    .command('rollback')
    .description('move a label back to the version it pointed at before')
    .argument('<name>', 'prompt name')
    .argument('<label>', 'the label to roll back')
    .option('--json', 'print JSON')
    .action(async (name: string, label: string, opts: Json, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const l = await callAs(session, user, 'prompts.rollback', { name, label });
        if (opts.json) return printJson(l);
        process.stdout.write(`${name}#${l.label} rolled back to version ${l.version}.\n`);
      });
    });

  prompts
    .command('render')
    .description('render a version with variables, e.g. triad prompts render greet@production --var name=Ada')
    .argument('<ref>', 'NAME@REF')
    .option('--var <key=value>', 'a variable (repeatable)', collectVar, {})
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: Json & { var: Record<string, string> }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const r = await callAs(session, user, 'prompts.render', { ref, vars: opts.var });
        if (opts.json) return printJson(r);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
        process.stdout.write(`${r.messages.map((m) => `— ${m.role} —\n${m.content}`).join('\n\n')}\n`);
      });
    });

  prompts
    .command('usage')
    .description('runs, errors, latency and flags per version')
    .argument('<name>', 'prompt name')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: Json, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const rows = await callAs(session, user, 'prompts.usage', { name });
        if (opts.json) return printJson(rows);
        printTable(
          ['VERSION', 'HASH', 'RUNS', 'ERRORS', 'AVG', 'P95', 'FLAGGED', 'LAST RUN'],
          rows.map((u) => [
            String(u.version),
            shortHash(u.hash),
            String(u.runs),
            String(u.errors),
            formatMs(u.avgTotalMs),
            formatMs(u.p95TotalMs),
            u.flagged === 0 ? '0' : `${u.flagged} (${u.flags.map((f) => `${f.flag} ${f.runs}`).join(', ')})`,
            u.lastRunAt?.slice(0, 19).replace('T', ' ') ?? '—',
          ]),
        );
        if (rows.every((u) => u.evalPassRate === null)) process.stdout.write('Eval pass rate: no evals yet.\n');
      });
    });

  prompts
    .command('export')
    .description('write prompts and all their versions as YAML (all prompts when none named)')
    .argument('[names...]', 'prompt names')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--json', 'print a JSON summary (with the YAML) instead')
    .action(async (names: string[], opts: Json & { out?: string }, cmd: Command) => {
      await asUser(cmd, async (session, user) => {
        const out = await callAs(session, user, 'prompts.export', { names });
        if (opts.out) await writeFile(opts.out, out.yaml, { encoding: 'utf8', flag: 'wx' });
        if (opts.json) return printJson(opts.out ? { ...out, file: opts.out } : out);
        if (opts.out) process.stderr.write(`Wrote ${out.prompts} prompts, ${out.versions} versions to ${opts.out}.\n`);
        else process.stdout.write(out.yaml);
      });
    });

  prompts
    .command('import')
    .description('import a YAML export: new content becomes new versions, nothing is overwritten, labels are not moved')
    .argument('<file>', 'a file written by `triad prompts export`')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: Json, cmd: Command) => {
      const yaml = await readFile(file, 'utf8');
      await asUser(cmd, async (session, user) => {
        const r = await callAs(session, user, 'prompts.import', { yaml });
        if (opts.json) return printJson(r);
        for (const v of r.created) process.stdout.write(`created  ${v.name}@${v.version}  ${shortHash(v.hash)}\n`);
        for (const v of r.unchanged) process.stdout.write(`present  ${v.name}@${v.version}  ${shortHash(v.hash)}\n`);
        process.stdout.write(`${r.created.length} created, ${r.unchanged.length} already present.\n`);
      });
    });
}
