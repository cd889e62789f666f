import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { MethodOutput } from '../../../../shared/contract';
import { TriadError } from '../../../../shared/errors';
import { printJson, printTable, shortHash } from '../output';
import { terminalProgress } from '../progressBar';
import { authenticateCli, callAs, passwordFromEnvOrPrompt, withWorkspace } from '../session';

type Report = MethodOutput<'ledger.verify'>;

function ownerOf(k: MethodOutput<'ledger.keys'>[number]): string {
  return k.ownerKind === 'user' ? `user ${k.name.split('/').at(-1) ?? ''}` : 'installation';
}

function printReport(r: Report): void {
  const lines = [`Ledger    ${r.size} entries, ${r.checkpoints} checkpoint${r.checkpoints === 1 ? '' : 's'}, root ${r.rootHash}`];
  if (r.ok) lines.push('Verified  every entry, checkpoint signature and consistency proof.');
  else {
    lines.push(`TAMPERED  ${r.problemCount} problem${r.problemCount === 1 ? '' : 's'}; first bad entry: ${r.firstBadEntry ?? '—'}`);
    for (const p of r.problems.slice(0, 20)) lines.push(`  [${p.code}] ${p.message}`);
    if (r.problemCount > 20) lines.push(`  … ${r.problemCount - 20} more (use --json)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Simple commands: authenticate, call one method, print JSON or a human line. */
function simple<M extends 'ledger.status' | 'ledger.checkpoint' | 'ledger.checkpoints'>(
  parent: Command,
  name: string,
  description: string,
  method: M,
  human: (out: MethodOutput<M>) => string,
): void {
  parent
    .command(name)
    .description(description)
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const out = await callAs(session, user, method, {} as never);
        if (opts.json) printJson(out);
        else {
          const text = human(out);
          if (text) process.stdout.write(`${text}\n`);
        }
      });
    });
}

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident record: verify, checkpoints, proofs, signing keys');

  ledger
    .command('verify')
    .description('recompute the Merkle tree from the entries and check every checkpoint; exits non-zero on any problem')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const jobId = randomUUID().replaceAll('-', '');
        const bar = terminalProgress(process.stderr, (n) => n.toLocaleString('en-US'));
        // Ctrl-C cancels the job: a cancelled verification records nothing.
        const onInterrupt = () => void callAs(session, user, 'ledger.cancelJob', { jobId });
        process.once('SIGINT', onInterrupt);
        let report: Report;
        try {
          report = await callAs(session, user, 'ledger.verify', { jobId }, bar.onEvent);
        } finally {
          bar.done();
          process.off('SIGINT', onInterrupt);
        }
        if (opts.json) printJson(report);
        else printReport(report);
        if (!report.ok) {
          throw new TriadError(
            'LEDGER_INVALID',
            report.firstBadEntry === null ? report.summary : `The ledger does not verify; the first bad entry is ${report.firstBadEntry}. ${report.summary}`,
            'Keep a copy of this home as it is now for investigation; `triad ledger proof ENTRY --json` shows what an entry committed to.',
          );
        }
      });
    });

  simple(ledger, 'status', "the ledger's size, root, last checkpoint and last verification", 'ledger.status', (s) =>
    [
      `Origin        ${s.origin}`,
      `Entries       ${s.size}`,
      `Root          ${s.rootHash}`,
      `Checkpoint    ${s.lastCheckpoint ? `#${s.lastCheckpoint.seq} at ${s.lastCheckpoint.at} (size ${s.lastCheckpoint.size}, ${s.lastCheckpoint.reason})` : 'none yet'}`,
      `Verified      ${s.lastVerification ? `${s.lastVerification.ok ? 'ok' : 'TAMPERED'} at ${s.lastVerification.at}: ${s.lastVerification.summary}${s.sinceVerification ? ` (${s.sinceVerification} entries since)` : ''}` : 'never (run `triad ledger verify`)'}`,
      `Signing key   ${s.installationKey ? s.installationKey.verifierKey : 'none'}`,
    ].join('\n'),
  );
  simple(ledger, 'checkpoint', 'sign a checkpoint of the ledger now', 'ledger.checkpoint', (c) => `Checkpoint #${c.seq}: size ${c.size}, root ${c.rootHash}\n\n${c.note}`);
  simple(ledger, 'checkpoints', 'list signed checkpoints, newest first', 'ledger.checkpoints', (list) => {
    if (list.length === 0) return 'No checkpoints yet: `triad ledger checkpoint` signs one (the app signs one when it closes).';
    const widths = ['SEQ', 'SIZE', 'ROOT', 'AT', 'REASON', 'KEY'];
    printTable(widths, list.map((c) => [String(c.seq), String(c.size), shortHash(c.rootHash), c.at.replace('T', ' ').slice(0, 19), c.reason, shortHash(c.keyId)]));
    return '';
  });
  ledger
    .command('keys')
    .description('signing keys (public parts) with their status; --pem prints one public key as SPKI PEM for offline checks')
    .argument('[keyId]', 'with --pem: the key id (or a prefix of it); the installation key by default')
    .option('--pem', 'print the public key as PEM (openssl pkeyutl -verify -pubin -inkey FILE -rawin reads it)')
    .option('--json', 'print JSON')
    .action(async (keyId: string | undefined, opts: { pem?: boolean; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        if (opts.pem) {
          const out = await callAs(session, user, 'ledger.publicKey', keyId !== undefined ? { keyId } : {});
          if (opts.json) return printJson(out);
          return void process.stdout.write(out.pem);
        }
        if (keyId !== undefined) throw new TriadError('BAD_INPUT', 'A key id is only taken together with --pem.', 'Use `triad ledger keys --pem KEY_ID`.');
        const keys = await callAs(session, user, 'ledger.keys', {});
        if (opts.json) return printJson(keys);
        printTable(
          ['ID', 'OWNER', 'STATUS', 'CREATED', 'RETIRED', 'VERIFIER KEY'],
          keys.map((k) => [shortHash(k.id), ownerOf(k), k.status, k.createdAt.slice(0, 19), k.retiredAt?.slice(0, 19) ?? '—', k.verifierKey]),
        );
      });
    });

  ledger
    .command('rotate-key')
    .description('retire the installation key and sign with a new one (admin); with --mine, your own key (needs your password)')
    .option('--mine', 'rotate your own signing key instead of the installation key')
    .option('--json', 'print JSON')
    .action(async (opts: { mine?: boolean; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        if (opts.mine) {
          const password = await passwordFromEnvOrPrompt(`Password for ${user.username}: `);
          const r = await callAs(session, user, 'ledger.rotateMyKey', { password });
          if (opts.json) return printJson(r);
          return void process.stdout.write(`New signing key for ${user.username}: ${r.key.id}\n${r.retired ? `Retired ${r.retired.id}; what it signed still verifies.\n` : ''}`);
        }
        const r = await callAs(session, user, 'ledger.rotateKey', {});
        if (opts.json) return printJson(r);
        process.stdout.write(`New installation key ${r.key.id}\nCheckpoint #${r.checkpoint.seq} signed with it.\n`);
      });
    });

  ledger
    .command('cosign')
    .description('add your signature to the latest signed checkpoint (a reviewer sign-off); needs your password')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const password = await passwordFromEnvOrPrompt(`Password for ${user.username}: `);
        const c = await callAs(session, user, 'ledger.cosign', { password });
        if (opts.json) return printJson(c);
        process.stdout.write(`Co-signed checkpoint #${c.seq} (size ${c.size}, root ${c.rootHash})\n\n${c.note}`);
      });
    });

  ledger
    .command('proof')
    .description('an inclusion proof for one entry')
    .argument('<entry>', 'entry number, trace id or audit event id')
    .option('--json', 'print JSON')
    .action(async (entry: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const p = await callAs(session, user, 'ledger.proof', { entry });
        if (opts.json) return printJson(p);
        const lines = [
          `Entry      ${p.entry.index} (${p.entry.kind} ${p.entry.ref})`,
          `Leaf       ${p.leafHash}`,
          `Tree       size ${p.treeSize}, root ${p.rootHash}${p.checkpoint ? ` (checkpoint #${p.checkpoint.seq})` : ' (not yet checkpointed)'}`,
          `Proof      ${p.proof.length} hash${p.proof.length === 1 ? '' : 'es'}, ${p.verified ? 'verifies' : 'DOES NOT VERIFY'}`,
          ...p.proof.map((h) => `  ${h}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  ledger
    .command('consistency')
    .description('a consistency proof between two checkpoints')
    .argument('<from>', 'earlier checkpoint number', (v) => Number(v))
    .argument('<to>', 'later checkpoint number', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (from: number, to: number, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (session) => {
        const user = await authenticateCli(session.ws);
        const p = await callAs(session, user, 'ledger.consistency', { from, to });
        if (opts.json) return printJson(p);
        process.stdout.write(`Size ${p.fromSize} → ${p.toSize}: ${p.proof.length} hashes, ${p.verified ? 'consistent' : 'NOT CONSISTENT'}\n`);
      });
    });
}
