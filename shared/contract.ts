/**
 * The one contract. Every operation the app, the browser, the CLI and API
 * clients can perform is one entry here: its input schema, its output schema
 * and the permission it needs. IPC and HTTP are thin transports over this
 * table; the core implements one handler per entry. Each area keeps its
 * entries in shared/methods/<area>.ts.
 */
import type { z } from 'zod';
import { adaptersMethods } from './methods/adapters';
import { auditLogMethods } from './methods/audit';
import { authMethods } from './methods/auth';
import { ledgerMethods } from './methods/ledger';
import type { MethodSpec } from './methods/method';
import { modelsMethods } from './methods/models';
import { promptsMethods } from './methods/prompts';
import { runsMethods } from './methods/runs';
import { settingsMethods } from './methods/settings';
import { setupMethods } from './methods/setup';
import { tokensMethods } from './methods/tokens';
import { tracesMethods } from './methods/traces';
import { usersMethods } from './methods/users';
import { workspaceMethods } from './methods/workspace';

export type { MethodSpec } from './methods/method';
export { NEW_PASSWORD, PASSWORD, PROMPT_MAX_CHARS, USERNAME } from './methods/fields';

export const methods = {
  ...setupMethods,
  ...authMethods,
  ...workspaceMethods,
  ...modelsMethods,
  ...adaptersMethods,
  ...promptsMethods,
  ...runsMethods,
  ...tracesMethods,
  ...usersMethods,
  ...tokensMethods,
  ...auditLogMethods,
  ...ledgerMethods,
  ...settingsMethods,
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
