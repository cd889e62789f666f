import { signedIn, type AreaFactory } from './types';

export const runsHandlers: AreaFactory<'runs'> = (ws) => ({
  'runs.create': (ctx, input) => {
    // A run by reference is rendered by the prompt registry into a plain run, linked to its version.
    const byRef =
      input.promptRef === undefined
        ? null
        : ws.prompts.resolveRun({ promptRef: input.promptRef, vars: input.vars ?? {}, model: input.model, prompt: input.prompt, params: input.params });
    return ws.runs.run({
      user: signedIn(ctx),
      source: ctx.source,
      model: byRef?.model ?? input.model ?? '',
      prompt: byRef?.prompt ?? input.prompt ?? '',
      params: byRef?.params ?? input.params,
      ...(byRef ? { promptLink: byRef.link, history: byRef.history } : {}),
      streamId: input.streamId,
      emit: ctx.emit,
    });
  },
  'runs.cancel': (ctx, input) => ({ cancelled: ws.runs.cancel(input.streamId, signedIn(ctx)) }),
});
