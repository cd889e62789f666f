import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { runTriad, ROOT, TRIAD_BIN } from '../helpers/cli';

export interface ServedApp {
  /** The printed URL, with its one-time launch token. */
  launchUrl: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts the real `triad serve` on a free port and waits for the URL it prints. */
export function serve(home: string, env: Record<string, string | undefined> = {}): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [TRIAD_BIN, 'serve', '--port', '0', '--home', home], {
      cwd: ROOT,
      env: { ...process.env, TRIAD_USER: undefined, TRIAD_PASSWORD: undefined, TRIAD_HOME: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)\?launch=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          launchUrl: `${m[1]}?launch=${m[2]}`,
          baseUrl: m[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
  });
}

export { runTriad };

/** Signs in on the login page as a user would. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
