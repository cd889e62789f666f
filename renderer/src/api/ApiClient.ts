import { methods } from '../../../shared/contract';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { TriadError } from '../../../shared/errors';
import type { RendererTransport } from '../transport/transportTypes';
import { describeThrown, unreachableError } from '../transport/transportErrors';

/** What the client needs to know about the session, so it stays free of React and stores. */
export interface SessionAccess {
  token(): string | null;
  /** Called when the core says the session is no longer valid. */
  expire(notice: string): void;
  /** Called when the core refuses a call for lack of permission: the role may have changed since sign-in. */
  refused?(): void;
}

const SESSION_ENDING_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/** Typed calls over whichever transport was chosen; failures throw TriadError. */
export class ApiClient {
  constructor(
    readonly transport: RendererTransport,
    private readonly session: SessionAccess,
  ) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    // Public methods go without the session token: a stale token must not stop
    // the start-up check or a fresh sign-in (the server rejects unknown tokens outright).
    const token = methods[method].access === 'public' ? null : this.session.token();
    let outcome;
    try {
      outcome = await this.transport.call(method, input, token);
    } catch (error) {
      // Transports report failures as outcomes; this guards against one that throws anyway.
      outcome = { ok: false as const, error: unreachableError(describeThrown(error)) };
    }
    if (outcome.ok) return outcome.result;
    const error = TriadError.fromData(outcome.error);
    if (token !== null && SESSION_ENDING_CODES.has(error.code)) {
      this.session.expire(
        error.code === 'SESSION_EXPIRED'
          ? 'Your session has expired. Sign in again to continue.'
          : 'The server no longer recognises this session. Sign in again to continue.',
      );
    }
    if (token !== null && error.code === 'FORBIDDEN') this.session.refused?.();
    throw error;
  }
}

/** Normalises anything caught around an api call into a TriadError for display. */
export function asTriadError(error: unknown): TriadError {
  if (error instanceof TriadError) return error;
  return new TriadError('INTERNAL', describeThrown(error), 'This is a fault in the app; reload the window and try again.');
}
