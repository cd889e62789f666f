import type { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../../shared/contract';
import type { Source, User } from '../../../shared/domain';
import { TriadError, type TriadErrorData } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import { roleMayCall } from '../../../shared/permissions';
import { disabledError } from '../governance/accountErrors';
import type { Workspace } from '../workspace';
import type { CallContext, Credentials } from './callContext';
import { createHandlers, type Handlers } from './handlers';

export interface CallRequest {
  method: string;
  input: unknown;
  credentials: Credentials;
  source: Source;
  emit?: (event: TriadEvent) => void;
}

export type CallResult = { ok: true; result: unknown } | { ok: false; error: TriadErrorData };

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function toErrorData(err: unknown): TriadErrorData {
  if (err instanceof TriadError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}`, hint: 'This is a bug in Triad; the details are in the log.' };
}

/**
 * The single door to the core. Every transport (IPC, HTTP, CLI) goes through
 * here: the method must exist, the caller must be signed in and hold the
 * method's permission, the input must parse, and the output must match the
 * contract on the way out.
 */
export class Dispatcher {
  private readonly handlers: Handlers;

  constructor(private readonly ws: Workspace) {
    this.handlers = createHandlers(ws);
  }

  async call(req: CallRequest): Promise<CallResult> {
    try {
      return { ok: true, result: await this.invoke(req) };
    } catch (err) {
      const data = toErrorData(err);
      if (data.code === 'INTERNAL') console.error(`[triad] ${req.method} failed:`, err);
      return { ok: false, error: data };
    }
  }

  /** Like call(), but throws TriadError; convenient for the CLI. */
  async invoke(req: CallRequest): Promise<unknown> {
    if (!isMethodName(req.method)) {
      throw new TriadError('UNKNOWN_METHOD', `There is no method "${req.method}".`);
    }
    const name: MethodName = req.method;
    const spec = methods[name];

    // Who is calling and whether they may, before the input is even looked at:
    // a caller without the permission learns nothing from validation messages.
    const user = this.resolveUser(req.credentials);
    if (spec.access !== 'public') {
      if (!user) throw new TriadError('UNAUTHENTICATED', 'Sign in to do this.', 'Sign in and try again.');
      if (user.disabled) throw disabledError(user.username);
      if (!roleMayCall(user.role, spec.access)) {
        throw new TriadError('FORBIDDEN', `The ${user.role} role may not do this (${name} needs "${spec.access}").`, 'Ask an administrator for a role that can.');
      }
    }
    const parsed = spec.input.safeParse(req.input ?? {});
    if (!parsed.success) throw new TriadError('BAD_INPUT', describeZodError(parsed.error));

    const ctx: CallContext = {
      user,
      source: req.source,
      sessionToken: req.credentials.kind === 'session' ? req.credentials.token : null,
      emit: req.emit ?? (() => undefined),
    };
    // The handler map is keyed by the same names, so this pairing is sound; TypeScript
    // cannot correlate the union of method names with the union of handlers.
    const handler = this.handlers[name] as (ctx: CallContext, input: unknown) => unknown;
    const output = await handler(ctx, parsed.data);
    return spec.output.parse(output);
  }

  private resolveUser(credentials: Credentials): User | null {
    switch (credentials.kind) {
      case 'session':
        return this.ws.sessions.resolve(credentials.token);
      case 'apiToken':
        return this.ws.apiTokens.resolve(credentials.token);
      case 'user':
        return credentials.user;
      case 'none':
        return null;
    }
  }
}
