import { signedIn, type AreaFactory } from './types';

// Tokens always belong to the caller: nobody can mint or revoke a token for someone else.
export const tokensHandlers: AreaFactory<'tokens'> = (ws) => ({
  'tokens.create': (ctx, input) => ws.apiTokens.create(signedIn(ctx), input, ctx.source),
  'tokens.list': (ctx) => ws.apiTokens.list(signedIn(ctx)),
  'tokens.revoke': (ctx, input) => ws.apiTokens.revoke(signedIn(ctx), input.token, ctx.source),
});
