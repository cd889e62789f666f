import type { CallOutcome } from '../../../shared/client';
import type { MethodName, MethodOutput } from '../../../shared/contract';
import { isTriadErrorData } from '../../../shared/errors';
import { malformedAnswerError } from './transportErrors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Turns what the desktop bridge resolved to into a CallOutcome, checking the
 * envelope. The result itself is trusted as the method's output: the core
 * parses every output with the contract's schema before it leaves.
 */
export function toCallOutcome<M extends MethodName>(raw: unknown): CallOutcome<M> {
  if (isRecord(raw) && raw.ok === true && 'result' in raw) {
    return { ok: true, result: raw.result as MethodOutput<M> };
  }
  if (isRecord(raw) && raw.ok === false && isTriadErrorData(raw.error)) {
    const { code, message, hint } = raw.error;
    return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
  }
  return { ok: false, error: malformedAnswerError('desktop bridge') };
}
