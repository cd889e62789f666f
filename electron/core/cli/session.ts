import type { Command } from 'commander';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import { Dispatcher } from '../api/dispatch';
import { isApiToken } from '../governance/apiTokens';
import { resolveHome } from '../paths';
import { openWorkspace, type Workspace } from '../workspace';
import { promptHidden } from './prompt';

export interface CliSession {
  ws: Workspace;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** Opens the home chosen by --home / TRIAD_HOME / the OS default. */
export function openCliWorkspace(cmd: Command): CliSession {
  const opts = cmd.optsWithGlobals<{ home?: string }>();
  const ws = openWorkspace({ home: resolveHome(opts.home) });
  return { ws, dispatcher: new Dispatcher(ws), close: () => ws.close() };
}

export async function passwordFromEnvOrPrompt(question: string, envName = 'TRIAD_PASSWORD'): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return promptHidden(question);
}

/** How the CLI proved who it acts as. */
export type CliIdentityKind = 'password' | 'token';

/**
 * The CLI acts as the owner of TRIAD_TOKEN (an API token) when it is set, and
 * otherwise as TRIAD_USER, proven by TRIAD_PASSWORD (or a prompt on a terminal).
 */
export async function authenticateCli(ws: Workspace): Promise<User> {
  return (await identifyCli(ws)).user;
}

export async function identifyCli(ws: Workspace): Promise<{ user: User; via: CliIdentityKind }> {
  const token = process.env.TRIAD_TOKEN;
  if (token !== undefined && token !== '') {
    if (!isApiToken(token)) {
      throw new TriadError('UNAUTHENTICATED', 'TRIAD_TOKEN does not hold an API token (they start with "triad_").', 'Create one with `triad tokens create --name NAME`.');
    }
    return { user: ws.apiTokens.resolve(token), via: 'token' };
  }
  const username = process.env.TRIAD_USER;
  if (!username) {
    throw new TriadError(
      'UNAUTHENTICATED',
      'No user given: the CLI acts as the user named in TRIAD_USER (or the owner of TRIAD_TOKEN).',
      ws.users.count() === 0
        ? 'This workspace has no users yet: create the admin with `triad init --admin NAME` (or `triad demo`).'
        : 'Set TRIAD_USER and TRIAD_PASSWORD, or TRIAD_TOKEN.',
    );
  }
  const password = await passwordFromEnvOrPrompt(`Password for ${username}: `);
  return { user: await ws.users.authenticate(username, password, 'cli'), via: 'password' };
}

/** Calls a contract method as the authenticated CLI user, through the same dispatcher as IPC and HTTP. */
export async function callAs<M extends MethodName>(
  session: CliSession,
  user: User,
  method: M,
  input: MethodInput<M>,
  emit?: (event: TriadEvent) => void,
): Promise<MethodOutput<M>> {
  return (await session.dispatcher.invoke({
    method,
    input,
    credentials: { kind: 'user', user },
    source: 'cli',
    ...(emit ? { emit } : {}),
  })) as MethodOutput<M>;
}

/** Opens the workspace, runs `body`, and always closes it (llama.cpp included). */
export async function withWorkspace<T>(cmd: Command, body: (session: CliSession) => Promise<T>): Promise<T> {
  const session = openCliWorkspace(cmd);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
