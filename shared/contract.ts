/**
 * The one contract. Every operation the app, the browser, the CLI and API
 * clients can perform is one entry here: its input schema, its output schema
 * and the permission it needs. IPC and HTTP are thin transports over this
 * table; the core implements one handler per entry.
 */
import { z } from 'zod';
import type { Access } from './permissions';
import {
  ModelSummarySchema,
  ModelVersionSchema,
  RunParamsSchema,
  RunResultSchema,
  SessionSchema,
  TraceSchema,
  TraceSummarySchema,
  UserSchema,
  WorkspaceInfoSchema,
} from './domain';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** One line for the API listing and `triad --help`-style docs. */
  summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const USERNAME = z
  .string()
  .trim()
  .min(2, 'A user name needs at least 2 characters')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore');
export const PASSWORD = z.string().min(1, 'Enter a password').max(1024);
/** Minimum policy for new passwords; the users issue may tighten it. */
export const NEW_PASSWORD = z.string().min(8, 'A password needs at least 8 characters').max(1024);

/** A client-chosen id that tags the streamed events of one call. */
const STREAM_ID = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const PROMPT_MAX_CHARS = 200_000;

export const methods = {
  'setup.status': method({
    summary: 'Whether the workspace still needs its first admin, and what it is',
    access: 'public',
    input: z.object({}),
    output: z.object({ needsAdmin: z.boolean(), appVersion: z.string() }),
  }),
  'setup.createAdmin': method({
    summary: 'Create the first admin on a new workspace (needs the launch token in a browser)',
    access: 'public',
    input: z.object({ username: USERNAME, password: NEW_PASSWORD, launchToken: z.string().optional() }),
    output: SessionSchema,
  }),
  'auth.login': method({
    summary: 'Sign in with user name and password',
    access: 'public',
    input: z.object({ username: z.string().trim().min(1, 'Enter a user name'), password: PASSWORD }),
    output: SessionSchema,
  }),
  'auth.useLaunchToken': method({
    summary: 'Exchange the one-time token from the served URL for a session, when it names a user',
    access: 'public',
    input: z.object({ token: z.string().min(1).max(200) }),
    output: z.object({ valid: z.boolean(), session: SessionSchema.nullable() }),
  }),
  'auth.logout': method({
    summary: 'End the current session',
    access: 'authenticated',
    input: z.object({}),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.whoami': method({
    summary: 'The signed-in user',
    access: 'authenticated',
    input: z.object({}),
    output: UserSchema,
  }),
  'workspace.info': method({
    summary: 'Where the workspace lives and what it holds',
    access: 'workspace.read',
    input: z.object({}),
    output: WorkspaceInfoSchema,
  }),
  'models.list': method({
    summary: 'Registered models with their versions',
    access: 'models.read',
    input: z.object({}),
    output: z.array(ModelSummarySchema),
  }),
  'models.get': method({
    summary: 'One model version by reference (NAME, NAME@VERSION or sha256:HEX)',
    access: 'models.read',
    input: z.object({ ref: z.string().min(1) }),
    output: ModelVersionSchema,
  }),
  'runs.create': method({
    summary: 'Run a prompt on a model version; tokens stream as run.token events',
    access: 'runs.create',
    input: z.object({
      model: z.string().min(1, 'Choose a model'),
      prompt: z
        .string()
        .max(PROMPT_MAX_CHARS, `A prompt may hold at most ${PROMPT_MAX_CHARS} characters`)
        .refine((p) => p.trim().length > 0, 'The prompt is empty: write something for the model to answer'),
      params: RunParamsSchema.partial().default({}),
      streamId: STREAM_ID.optional(),
    }),
    output: RunResultSchema,
  }),
  'runs.cancel': method({
    summary: 'Stop a streaming run; the partial output is kept',
    access: 'runs.create',
    input: z.object({ streamId: STREAM_ID }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'traces.list': method({
    summary: 'Recorded runs, newest first',
    access: 'traces.read',
    input: z.object({
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
      model: z.string().optional(),
    }),
    output: z.array(TraceSummarySchema),
  }),
  'traces.get': method({
    summary: 'One recorded run in full',
    access: 'traces.read',
    input: z.object({ id: z.string().min(1) }),
    output: TraceSchema,
  }),
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
