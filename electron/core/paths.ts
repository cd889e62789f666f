import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Triad';

/**
 * The OS app-data folder, the same place Electron's app.getPath('userData')
 * gives for an app named Triad, so the app and the CLI find one home.
 */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** `--home DIR` wins, then TRIAD_HOME, then the OS default. */
export function resolveHome(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? env.TRIAD_HOME;
  return chosen ? resolve(chosen) : defaultHome(env);
}

export interface HomePaths {
  home: string;
  db: string;
  modelStore: string;
  keys: string;
  tmp: string;
}

export function homePaths(home: string): HomePaths {
  return {
    home,
    db: join(home, 'triad.db'),
    modelStore: join(home, 'models'),
    keys: join(home, 'keys'),
    tmp: join(home, 'tmp'),
  };
}
