import type { MethodName, MethodOutput, ParsedInput } from '../../../../shared/contract';
import { TriadError } from '../../../../shared/errors';
import type { Workspace } from '../../workspace';
import type { CallContext } from '../callContext';

export type Handler<M extends MethodName> = (ctx: CallContext, input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** Handlers for the methods whose names start with `Prefix.` */
export type AreaHandlers<Prefix extends string> = { [M in MethodName as M extends `${Prefix}.${string}` ? M : never]: Handler<M> };

export type AreaFactory<Prefix extends string> = (ws: Workspace) => AreaHandlers<Prefix>;

export function signedIn(ctx: CallContext): NonNullable<CallContext['user']> {
  // dispatch() guarantees a user for every non-public method; this narrows the type.
  if (!ctx.user) throw new TriadError('UNAUTHENTICATED', 'You are not signed in.', 'Sign in again.');
  return ctx.user;
}
