/**
 * Typed errors shared by every transport. A TriadError crosses IPC, HTTP and the
 * CLI as plain data ({ code, message, hint }) so the UI and the terminal can show
 * what went wrong and what to do next.
 */
export const ERROR_CODES = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  WRONG_PASSWORD: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  TRACE_NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  ALREADY_EXISTS: 409,
  SETUP_DONE: 409,
  MODEL_INVALID: 422,
  MODEL_LOAD_FAILED: 500,
  RUN_FAILED: 500,
  BUSY: 503,
  /** The tamper-evident ledger does not verify: something on the record was changed. */
  LEDGER_INVALID: 409,
  /** Long work (a job) stopped at the caller's request; nothing was kept. */
  CANCELLED: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface TriadErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class TriadError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'TriadError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): TriadErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }

  static fromData(data: TriadErrorData): TriadError {
    return new TriadError(data.code, data.message, data.hint);
  }
}

export function isTriadErrorData(value: unknown): value is TriadErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && v.code in ERROR_CODES && typeof v.message === 'string';
}
