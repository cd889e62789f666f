import { actorOf } from '../../governance/users';
import { signedIn, type AreaFactory } from './types';

export const authHandlers: AreaFactory<'auth'> = (ws) => ({
  'auth.login': async (ctx, input) => {
    const user = await ws.users.authenticate(input.username, input.password, ctx.source);
    ws.audit.record({ actor: actorOf(user), source: ctx.source, action: 'auth.login' });
    return ws.sessions.open(user, ctx.source);
  },

  'auth.useLaunchToken': (ctx, input) => {
    const probe = ws.sessions.checkLaunchToken(input.token, false);
    if (!probe.valid) return { valid: false, session: null };
    if (probe.userId === null) return { valid: true, session: null };
    const user = ws.users.get(probe.userId);
    if (!user || user.disabled || !ws.sessions.checkLaunchToken(input.token, true).valid) return { valid: false, session: null };
    ws.audit.record({ actor: actorOf(user), source: ctx.source, action: 'auth.login', target: 'launch-token' });
    return { valid: true, session: ws.sessions.open(user, ctx.source) };
  },

  'auth.logout': (ctx) => {
    if (ctx.sessionToken) ws.sessions.revoke(ctx.sessionToken);
    return { ok: true as const };
  },

  'auth.whoami': (ctx) => signedIn(ctx),
});
