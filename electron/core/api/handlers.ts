import type { MethodName } from '../../../shared/contract';
import type { Workspace } from '../workspace';
import { adaptersHandlers } from './handlers/adapters';
import { auditLogHandlers } from './handlers/audit';
import { authHandlers } from './handlers/auth';
import { ledgerHandlers, retentionHandlers } from './handlers/ledger';
import { modelsHandlers } from './handlers/models';
import { promptsHandlers } from './handlers/prompts';
import { runsHandlers } from './handlers/runs';
import { settingsHandlers } from './handlers/settings';
import { setupHandlers } from './handlers/setup';
import { tokensHandlers } from './handlers/tokens';
import { tracesHandlers } from './handlers/traces';
import type { Handler } from './handlers/types';
import { usersHandlers } from './handlers/users';
import { workspaceHandlers } from './handlers/workspace';

export type Handlers = { [M in MethodName]: Handler<M> };

/**
 * One handler per contract method, grouped by area in handlers/<area>.ts.
 * The type makes a method without a handler a compile error. Permission
 * checks happen before these run (dispatch.ts).
 */
export function createHandlers(ws: Workspace): Handlers {
  return {
    ...setupHandlers(ws),
    ...authHandlers(ws),
    ...workspaceHandlers(ws),
    ...modelsHandlers(ws),
    ...adaptersHandlers(ws),
    ...promptsHandlers(ws),
    ...runsHandlers(ws),
    ...tracesHandlers(ws),
    ...usersHandlers(ws),
    ...tokensHandlers(ws),
    ...auditLogHandlers(ws),
    ...ledgerHandlers(ws),
    ...retentionHandlers(ws),
    ...settingsHandlers(ws),
  };
}
