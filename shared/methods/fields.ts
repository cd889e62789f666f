import { z } from 'zod';

export const USERNAME = z
  .string()
  .trim()
  .min(2, 'A user name needs at least 2 characters')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore');
export const PASSWORD = z.string().min(1, 'Enter a password').max(1024);
/** Minimum policy for new passwords. */
export const NEW_PASSWORD = z.string().min(8, 'A password needs at least 8 characters').max(1024);

/** A client-chosen id that tags the streamed events of one call. */
export const STREAM_ID = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const PROMPT_MAX_CHARS = 200_000;
