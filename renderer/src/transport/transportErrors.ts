import type { TriadErrorData } from '../../../shared/errors';

/** Errors the renderer itself reports when a transport fails below the contract. */
export function unreachableError(detail: string): TriadErrorData {
  return {
    code: 'INTERNAL',
    message: `Cannot reach the Triad server (${detail}).`,
    hint: 'Check that `triad serve` or the desktop app is still running, then try again.',
  };
}

export function malformedAnswerError(where: string): TriadErrorData {
  return {
    code: 'INTERNAL',
    message: `The ${where} answered in a shape this version of the app does not understand.`,
    hint: 'The app and the server may be different versions; restart Triad.',
  };
}

export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
