import { signedIn, type AreaFactory } from './types';

// Tokens always belong to the caller: nobody can mint a token for someone else.
// Administrators (users.manage, checked at the door) may list and revoke anyone's.
export const tokensHandlers: AreaFactory<'tokens'> = (ws) => ({
  'tokens.create': (ctx, input) => ws.apiTokens.create(signedIn(ctx), input, ctx.source),
  'tokens.list': (ctx) => ws.apiTokens.list(signedIn(ctx)),
  'tokens.revoke': (ctx, input) => ws.apiTokens.revoke(signedIn(ctx), input.token, ctx.source),
  'tokens.listAll': (_ctx, input) => ws.apiTokens.listAll(input.username),
  'tokens.revokeAny': (ctx, input) => ws.apiTokens.revokeAny(signedIn(ctx), input.id, ctx.source),
});
