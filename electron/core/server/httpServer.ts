import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ERROR_CODES, TriadError, type TriadErrorData } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import type { Dispatcher } from '../api/dispatch';
import { isApiToken } from '../governance/apiTokens';
import type { Workspace } from '../workspace';
import { EventHub } from './eventHub';
import { isLoopbackHost, SECURITY_HEADERS } from './securityHeaders';

export interface ServeOptions {
  port: number;
  /** Folder with the built renderer (index.html); the API works without it. */
  rendererDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  close(): Promise<void>;
}

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() || null : null;
}

function errorStatus(error: TriadErrorData): number {
  return ERROR_CODES[error.code] ?? 500;
}

/**
 * `triad serve`: the built renderer, `POST /api/<method>` over the contract and
 * `GET /api/events` (server-sent events) for streamed tokens and job progress.
 * It listens on 127.0.0.1 only.
 */
export async function startHttpServer(ws: Workspace, dispatcher: Dispatcher, options: ServeOptions): Promise<RunningServer> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  const hub = new EventHub();

  app.addHook('onRequest', async (req, reply) => {
    if (!isLoopbackHost(req.headers.host)) {
      return reply.code(421).send({ error: { code: 'FORBIDDEN', message: 'Triad only answers requests addressed to 127.0.0.1 or localhost.' } });
    }
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && !isLoopbackHost(new URL(origin).host)) {
      return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'Cross-origin requests are refused.' } });
    }
    reply.headers(SECURITY_HEADERS);
  });

  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const token = bearer(req);
    // A bearer is either a browser session or an API token (`triad_…`) from a script.
    const api = token !== null && isApiToken(token);
    const result = await dispatcher.call({
      method: req.params.method,
      input: req.body ?? {},
      credentials: token === null ? { kind: 'none' } : api ? { kind: 'apiToken', token } : { kind: 'session', token },
      source: api ? 'api' : 'browser',
      emit: (event: TriadEvent) => {
        if (token) hub.publish(token, event);
      },
    });
    if (result.ok) return reply.send({ result: result.result });
    return reply.code(errorStatus(result.error)).send({ error: result.error });
  });

  app.get('/api/events', async (req, reply) => {
    const token = bearer(req);
    try {
      if (!token) throw new Error('no token');
      if (isApiToken(token)) ws.apiTokens.resolve(token);
      else ws.sessions.resolve(token);
    } catch {
      return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to receive events.' } });
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = hub.subscribe(token, (event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  if (options.rendererDir && existsSync(join(options.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The Triad UI is not built. Run `npm run build`, then start `triad serve` again. The API is available under /api.'),
    );
  }

  try {
    await app.listen({ host: '127.0.0.1', port: options.port });
  } catch (err) {
    await app.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new TriadError('BUSY', `Port ${options.port} on 127.0.0.1 is already in use.`, 'Stop the other server or pick another port with --port (0 picks a free one).');
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    app,
    close: async () => {
      // Event streams are hijacked and never end by themselves.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
