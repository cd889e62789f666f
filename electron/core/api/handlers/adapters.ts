import { actorOf } from '../../governance/users';
import { publicAdapter } from '../../models/adapters/adapterRows';
import { signedIn, type AreaFactory } from './types';

export const adaptersHandlers: AreaFactory<'adapters'> = (ws) => ({
  'adapters.list': (_ctx, input) => {
    const baseSha256 = input.model === undefined ? undefined : ws.models.resolve(input.model).sha256;
    return ws.models.adapters.list({ name: input.name, baseSha256 }).map(publicAdapter);
  },

  'adapters.import': async (ctx, input) => {
    const user = signedIn(ctx);
    const base = ws.models.resolve(input.base);
    const upload = input.uploadId === undefined ? null : await ws.models.uploads.complete(user.id, input.uploadId);
    try {
      const outcome = await ws.jobs.run({ jobId: input.jobId, label: `Importing adapter ${input.name}`, owner: user, emit: ctx.emit }, (job) =>
        ws.models.adapters.import({
          file: upload?.path ?? input.path ?? '',
          name: input.name,
          base,
          notes: input.notes,
          link: input.link,
          actor: actorOf(user),
          source: ctx.source,
          onProgress: (done, total, label) => job.progress(done, total, label),
          signal: job.signal,
        }),
      );
      return { adapter: publicAdapter(outcome.adapter), duplicate: outcome.duplicate };
    } finally {
      if (upload && input.uploadId !== undefined) await ws.models.uploads.discard(user.id, input.uploadId);
    }
  },
});
