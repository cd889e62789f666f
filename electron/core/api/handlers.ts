import type { MethodName } from '../../../shared/contract';
import type { Workspace } from '../workspace';
import { authHandlers } from './handlers/auth';
import { modelsHandlers } from './handlers/models';
import { runsHandlers } from './handlers/runs';
import { setupHandlers } from './handlers/setup';
import { tracesHandlers } from './handlers/traces';
import type { Handler } from './handlers/types';
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
    ...runsHandlers(ws),
    ...tracesHandlers(ws),
  };
}
