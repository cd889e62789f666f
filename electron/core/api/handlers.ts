import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/contract';
import { TriadError } from '../../../shared/errors';
import { publicVersion } from '../models/registry';
import { APP_VERSION } from '../version';
import type { Workspace } from '../workspace';
import type { CallContext } from './callContext';

type Handler<M extends MethodName> = (ctx: CallContext, input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

function signedIn(ctx: CallContext): NonNullable<CallContext['user']> {
  // dispatch() guarantees a user for every non-public method; this narrows the type.
  if (!ctx.user) throw new TriadError('UNAUTHENTICATED', 'You are not signed in.', 'Sign in again.');
  return ctx.user;
}

/** One handler per contract method. Permission checks happen before these run (dispatch.ts). */
export function createHandlers(ws: Workspace): Handlers {
  return {
    'setup.status': () => ({ needsAdmin: ws.users.count() === 0, appVersion: APP_VERSION }),

    'setup.createAdmin': async (ctx, input) => {
      // The desktop window is trusted (it is the app itself); a browser must prove
      // it was opened from the URL that whoever started the server was shown.
      if (ctx.source !== 'app' && ctx.source !== 'cli') {
        if (!input.launchToken || !ws.sessions.checkLaunchToken(input.launchToken, false).valid) {
          throw new TriadError(
            'FORBIDDEN',
            'Creating the administrator needs the one-time link printed by `triad serve`.',
            'Open the exact URL shown in the terminal that started Triad.',
          );
        }
      }
      const user = await ws.users.createFirstAdmin(input.username, input.password, ctx.source);
      if (input.launchToken) ws.sessions.checkLaunchToken(input.launchToken, true);
      return ws.sessions.open(user, ctx.source);
    },

    'auth.login': async (ctx, input) => {
      const user = await ws.users.authenticate(input.username, input.password, ctx.source);
      ws.audit.record({ actor: { id: user.id, username: user.username, role: user.role }, source: ctx.source, action: 'auth.login' });
      return ws.sessions.open(user, ctx.source);
    },

    'auth.useLaunchToken': (ctx, input) => {
      const probe = ws.sessions.checkLaunchToken(input.token, false);
      if (!probe.valid) return { valid: false, session: null };
      if (probe.userId === null) return { valid: true, session: null };
      const user = ws.users.get(probe.userId);
      if (!user || user.disabled || !ws.sessions.checkLaunchToken(input.token, true).valid) return { valid: false, session: null };
      ws.audit.record({ actor: { id: user.id, username: user.username, role: user.role }, source: ctx.source, action: 'auth.login', target: 'launch-token' });
      return { valid: true, session: ws.sessions.open(user, ctx.source) };
    },

    'auth.logout': (ctx) => {
      if (ctx.sessionToken) ws.sessions.revoke(ctx.sessionToken);
      return { ok: true as const };
    },

    'auth.whoami': (ctx) => signedIn(ctx),

    'workspace.info': () => ({
      home: ws.paths.home,
      schemaVersion: ws.schemaVersion(),
      appVersion: APP_VERSION,
      models: ws.models.count(),
      traces: ws.traces.count(),
      users: ws.users.count(),
    }),

    'models.list': () => ws.models.list(),

    'models.get': (_ctx, input) => publicVersion(ws.models.resolve(input.ref)),

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

    'traces.list': (_ctx, input) => ws.traces.list(input),

    'traces.get': (_ctx, input) => ws.traces.get(input.id),
  };
}
