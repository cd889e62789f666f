import type { z } from 'zod';
import type { Access } from '../permissions';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** One line for the API listing and docs. */
  summary: string;
}

/** Declares one contract entry; the identity function keeps the precise schema types. */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
