import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../packageRoot';
import { startHttpServer } from '../../server/httpServer';
import { authenticateCli, openCliWorkspace } from '../session';

const DEFAULT_RENDERER_DIR = join(packageRoot() ?? process.cwd(), 'out', 'renderer');
export const DEFAULT_PORT = 5717;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (prints a URL with a one-time login token)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', (v) => Number(v), DEFAULT_PORT)
    .option('--renderer-dir <dir>', 'built renderer to serve', DEFAULT_RENDERER_DIR)
    .action(async (opts: { port: number; rendererDir: string }, cmd: Command) => {
      const session = openCliWorkspace(cmd);
      // A long-lived process: keep a slow resource reading between runs too.
      session.ws.sampler.sampleWhenIdle(5000);
      try {
        // With TRIAD_TOKEN or TRIAD_USER set, the printed link signs that user in
        // (the same identity rules as every other command); otherwise it only
        // opens the sign-in (or first-admin) screen.
        const user = process.env.TRIAD_TOKEN || process.env.TRIAD_USER ? await authenticateCli(session.ws) : null;
        const server = await startHttpServer(session.ws, session.dispatcher, { port: opts.port, rendererDir: opts.rendererDir });
        const token = session.ws.sessions.createLaunchToken(user?.id ?? null);
        process.stdout.write(`Triad is serving ${session.ws.paths.home}\n`);
        process.stdout.write(`Open ${server.url}?launch=${token}\n`);
        process.stdout.write('(loopback only; the link works once; press Ctrl+C to stop)\n');
        const stop = async (): Promise<void> => {
          await server.close();
          await session.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (err) {
        await session.close();
        throw err;
      }
    });
}
