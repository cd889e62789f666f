import { signedIn, type AreaFactory } from './types';

export const runsHandlers: AreaFactory<'runs'> = (ws) => ({
  'runs.create': (ctx, input) =>
    ws.runs.run({
      user: signedIn(ctx),
      source: ctx.source,
      model: input.model,
      prompt: input.prompt,
      params: input.params,
      streamId: input.streamId,
      emit: ctx.emit,
    }),
  'runs.cancel': (ctx, input) => ({ cancelled: ws.runs.cancel(input.streamId, signedIn(ctx)) }),
});
