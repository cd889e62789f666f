import { actorOf } from '../../governance/users';
import { signedIn, type AreaFactory } from './types';

export const usersHandlers: AreaFactory<'users'> = (ws) => ({
  'users.list': () => ws.users.list(),

  'users.create': async (ctx, input) => {
    const user = await ws.users.create(input, actorOf(signedIn(ctx)), ctx.source);
    return ws.users.detail(user.username);
  },

  'users.setRole': (ctx, input) => ws.users.setRole(input.username, input.role, actorOf(signedIn(ctx)), ctx.source),

  'users.disable': (ctx, input) => ws.users.setDisabled(input.username, true, actorOf(signedIn(ctx)), ctx.source),

  'users.enable': (ctx, input) => ws.users.setDisabled(input.username, false, actorOf(signedIn(ctx)), ctx.source),

  'users.resetPassword': (ctx, input) =>
    ws.users.resetPassword(input.username, input.password, actorOf(signedIn(ctx)), ctx.source),

  'users.changePassword': async (ctx, input) => {
    await ws.users.changePassword(signedIn(ctx), input.currentPassword, input.newPassword, ctx.source, ctx.sessionToken);
    return { ok: true as const };
  },
});
