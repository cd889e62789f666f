import type { CallOutcome } from '../../../shared/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { ErrorCode, TriadErrorData } from '../../../shared/errors';
import { isTriadErrorData } from '../../../shared/errors';
import type { EventListener } from '../../../shared/events';
import { openEventStream } from './eventStream';
import { describeThrown, malformedAnswerError, unreachableError } from './transportErrors';
import type { RendererTransport, StreamStatus } from './transportTypes';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400 || status === 422) return 'BAD_INPUT';
  if (status === 503) return 'BUSY';
  return 'INTERNAL';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Browser transport: `POST /api/<method>` for calls, `GET /api/events` for events. */
export class HttpTransport implements RendererTransport {
  readonly kind = 'http' as const;

  /** baseUrl is empty for the page's own origin, which is where `triad serve` serves it. */
  constructor(private readonly baseUrl = '') {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>, sessionToken: string | null): Promise<CallOutcome<M>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (sessionToken !== null) headers.Authorization = `Bearer ${sessionToken}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch (error) {
      return { ok: false, error: unreachableError(describeThrown(error)) };
    }
    const body = await readJson(response);
    if (response.ok) {
      // The server parses every output with the contract's schema before sending it.
      if (isRecord(body) && 'result' in body) return { ok: true, result: body.result as MethodOutput<M> };
      return { ok: false, error: malformedAnswerError('server') };
    }
    if (isRecord(body) && isTriadErrorData(body.error)) return { ok: false, error: pick(body.error) };
    return {
      ok: false,
      error: { code: codeForStatus(response.status), message: `The server answered HTTP ${response.status} without saying why.` },
    };
  }

  subscribe(sessionToken: string, listener: EventListener, onStatus?: (status: StreamStatus) => void): () => void {
    return openEventStream({ url: `${this.baseUrl}/api/events`, sessionToken, onEvent: listener, onStatus });
  }
}

function pick(error: TriadErrorData): TriadErrorData {
  const { code, message, hint } = error;
  return hint === undefined ? { code, message } : { code, message, hint };
}
