import { actorOf } from '../../governance/users';
import { signedIn, type AreaFactory } from './types';

export const settingsHandlers: AreaFactory<'settings'> = (ws) => ({
  'settings.list': () => ws.settings.list(),
  'settings.set': (ctx, input) => ws.settings.set(input.key, input.value, actorOf(signedIn(ctx)), ctx.source),
});
