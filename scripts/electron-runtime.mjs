// Finds a usable Electron runtime WITHOUT triggering electron's lazy download
// (requiring the `electron` package from Node would try to fetch the binary).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ ok: true, path: string } | { ok: false, reason: string }} */
export function findElectronRuntime(env = process.env) {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const candidate = join(distDir, executable || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  if (!existsSync(candidate)) {
    return { ok: false, reason: 'the Electron runtime binary is not present and cannot be downloaded here' };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display to open a window on' };
  }
  return { ok: true, path: candidate };
}
