import { APP_VERSION } from '../../version';
import type { AreaFactory } from './types';

export const workspaceHandlers: AreaFactory<'workspace'> = (ws) => ({
  'workspace.info': () => ({
    home: ws.paths.home,
    schemaVersion: ws.schemaVersion(),
    appVersion: APP_VERSION,
    models: ws.models.count(),
    traces: ws.traces.count(),
    users: ws.users.count(),
  }),
});
