import { TriadError } from '../../../../shared/errors';
import { APP_VERSION } from '../../version';
import type { AreaFactory } from './types';

export const setupHandlers: AreaFactory<'setup'> = (ws) => ({
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
});
