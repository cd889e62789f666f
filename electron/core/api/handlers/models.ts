import { actorOf } from '../../governance/users';
import type { Witness } from '../../models/integrity';
import { publicVersion, type StoredModelVersion } from '../../models/registry';
import { versionRef } from '../../models/versionRows';
import type { CallContext } from '../callContext';
import { isProtectedLabel } from '../../prompts/promptLabels';
import { requireAnyAccess } from './requireAccess';
import { signedIn, type AreaFactory } from './types';

/**
 * Approving a version and moving the production label are governed: they need
 * `models.approve` (reviewers, admins). Drafting and other labels need
 * `models.write`. Rolling production back to what was approved before may be
 * done by either, so an engineer can stop a bad release at once.
 */
function requireModelAccess(ctx: CallContext, kind: 'approve' | 'label' | 'rollback', target: string): void {
  const user = signedIn(ctx);
  if (kind === 'approve') {
    requireAnyAccess(user, ['models.approve'], `approve ${target}`, 'Ask a reviewer (someone other than its creator) to approve it.');
  } else if (isProtectedLabel(target)) {
    const needed = kind === 'rollback' ? (['models.approve', 'models.write'] as const) : (['models.approve'] as const);
    requireAnyAccess(user, needed, `move the protected label "${target}"`, 'Ask a reviewer to promote the version.');
  } else {
    requireAnyAccess(user, ['models.write'], `move the label "${target}"`, 'Ask an engineer or administrator.');
  }
}

function witness(ctx: CallContext): Witness {
  return { actor: actorOf(signedIn(ctx)), source: ctx.source };
}

export const modelsHandlers: AreaFactory<'models'> = (ws) => ({
  'models.list': () => ws.models.list(),
  'models.get': (_ctx, input) => publicVersion(ws.models.resolve(input.ref)),
  'models.show': (_ctx, input) => ws.models.show(input.name),

  'models.import': async (ctx, input) => {
    const user = signedIn(ctx);
    const upload = input.uploadId === undefined ? null : await ws.models.uploads.complete(user.id, input.uploadId);
    try {
      const outcome = await ws.jobs.run({ jobId: input.jobId, label: `Importing ${input.name}`, owner: user, emit: ctx.emit }, (job) =>
        ws.models.import({
          file: upload?.path ?? input.path ?? '',
          name: input.name,
          notes: input.notes,
          link: input.link,
          actor: actorOf(user),
          source: ctx.source,
          onProgress: (done, total, label) => job.progress(done, total, label),
          signal: job.signal,
        }),
      );
      return { ...outcome, version: publicVersion(outcome.version) };
    } finally {
      // The upload was copied into the store (or refused): either way it is no longer needed.
      if (upload && input.uploadId !== undefined) await ws.models.uploads.discard(user.id, input.uploadId);
    }
  },

  'models.uploadBegin': (ctx, input) => ws.models.uploads.begin(signedIn(ctx).id, input.fileName, input.sizeBytes),
  'models.uploadChunk': (ctx, input) => ws.models.uploads.append(signedIn(ctx).id, input.uploadId, input.offset, input.data),
  'models.uploadDiscard': async (ctx, input) => ({ discarded: await ws.models.uploads.discard(signedIn(ctx).id, input.uploadId) }),
  'models.cancelJob': (ctx, input) => ({ cancelled: ws.jobs.cancel(input.jobId, signedIn(ctx)) }),

  'models.setStage': (ctx, input) => {
    if (input.stage === 'approved') requireModelAccess(ctx, 'approve', input.ref);
    else requireAnyAccess(signedIn(ctx), ['models.write'], `move ${input.ref} to ${input.stage}`, 'Ask an engineer or administrator.');
    return publicVersion(ws.models.lifecycle.setStage(ws.models.resolve(input.ref), input.stage, input.reason, witness(ctx)));
  },
  'models.setLabel': (ctx, input) => {
    requireModelAccess(ctx, 'label', input.label);
    return ws.models.labels.set(ws.models.resolve(`${input.name}@${input.version}`), input.label, input.reason, witness(ctx));
  },
  'models.rollback': (ctx, input) => {
    requireModelAccess(ctx, 'rollback', input.label);
    return ws.models.labels.rollback(ws.models.modelId(input.name), input.name, input.label, input.reason, witness(ctx));
  },
  'models.setCard': (ctx, input) => ws.models.cards.set(ws.models.resolve(input.ref), input.card, witness(ctx)),

  'models.verify': async (ctx, input) => {
    const user = signedIn(ctx);
    const targets: StoredModelVersion[] =
      input.ref !== undefined ? [ws.models.resolve(input.ref)] : ws.models.list().flatMap((m) => m.versions.map((v) => ws.models.byId(v.id)));
    const total = targets.reduce((n, v) => n + v.sizeBytes, 0);
    return ws.jobs.run({ jobId: input.jobId, label: 'Verifying model files', owner: user, emit: ctx.emit }, async (job) => {
      const results = [];
      let before = 0;
      for (const v of targets) {
        job.throwIfCancelled();
        const outcome = await ws.models.integrity.verify(v, witness(ctx), (done) => job.progress(before + done, total, `Verifying ${versionRef(v)}`), job.signal);
        before += v.sizeBytes;
        results.push({ ref: versionRef(v), sha256: v.sha256, ...outcome });
      }
      return results;
    });
  },
});
